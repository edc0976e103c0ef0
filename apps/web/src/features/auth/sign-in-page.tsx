import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { describeError, fieldErrors } from '../../app/errors';
import { LanguageSwitch } from '../../app/language-switch';
import { usePageTitle } from '../../app/page-title';
import { FullPageLoader } from '../../app/full-page-loader';

const route = getRouteApi('/login');

export function SignInPage() {
  const { t } = useTranslation();
  const { me, signIn } = useAuth();
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail: string | null } | null>(null);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  usePageTitle(t('auth:login.title'));

  if (me === undefined) return <FullPageLoader />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    setBusy(true);
    setError(null);
    setServerFields({});
    try {
      const user = await signIn(username.trim(), password);
      await navigate({
        to: user.mustChangePassword ? '/account' : (redirect ?? '/'),
        replace: true,
      });
      return;
    } catch (err) {
      const fields = fieldErrors(err, t);
      setServerFields(fields);
      if (Object.keys(fields).length > 0) return;
      const { title, detail } = describeError(t, err);
      // At sign-in the reason says it all (wrong password, locked, wait N minutes).
      if (detail) setError({ title: detail, detail: null });
      else if (err instanceof ApiError && err.status === 401)
        setError({ title: t('auth:login.invalid'), detail: null });
      else setError({ title, detail: null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box className="login-bg">
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="md">
          <Stack gap={0} ta="center" c="white">
            <Title order={1} fz={40} lh={1.5} c="white">
              {t('app.name')}
            </Title>
            <Text fw={600} lh={1.6}>
              {t('app.fullName')}
            </Text>
            <Text size="sm" opacity={0.9}>
              {t('app.owner')}
            </Text>
          </Stack>
          <Paper p="xl" radius="lg" shadow="md" component="main">
            <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="login-title">
              <Stack gap="md">
                <Group justify="space-between" align="center">
                  <Title order={2} id="login-title">
                    {t('auth:login.title')}
                  </Title>
                  <LanguageSwitch variant="plain" />
                </Group>
                <Text size="sm" c="dimmed">
                  {t('auth:login.subtitle')}
                </Text>
                {error && (
                  <Alert color="red" variant="light" title={error.title} role="alert">
                    {error.detail}
                  </Alert>
                )}
                <TextInput
                  label={t('auth:login.username')}
                  name="username"
                  autoComplete="username"
                  autoFocus
                  required
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                  error={
                    touched && !username.trim()
                      ? t('auth:login.required', { field: t('auth:login.username') })
                      : serverFields.username
                  }
                />
                <PasswordInput
                  label={t('auth:login.password')}
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={
                    touched && !password
                      ? t('auth:login.required', { field: t('auth:login.password') })
                      : serverFields.password
                  }
                />
                <Button type="submit" loading={busy} fullWidth size="md">
                  {t('auth:login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
