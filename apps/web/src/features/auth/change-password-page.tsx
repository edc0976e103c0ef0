import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, authApi } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
import { fieldErrors } from '../../app/errors';
import { flash } from '../../app/flash';
import { ErrorAlert } from '../common/error-alert';
import { PageHeader } from '../common/page-header';
import { PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH, passwordRuleMessage } from './password-rules';

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { passwordChanged } = useAuth();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // What the server said about each field (cleared when that field changes).
  const [server, setServer] = useState<Record<string, string>>({});

  const problems = {
    current: !current
      ? t('auth:login.required', { field: t('auth:account.current') })
      : (server.currentPassword ?? null),
    next:
      next === current && next
        ? t('auth:account.same')
        : (passwordRuleMessage(t, next, me.username) ?? server.newPassword ?? null),
    confirm: confirm !== next ? t('auth:account.mismatch') : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problems.current || problems.next || problems.confirm) return;
    setBusy(true);
    setError(null);
    setServer({});
    try {
      await authApi.changePassword(current, next);
      passwordChanged();
      // The message waits on the next page: the home page.
      flash(t('auth:account.done'), '/');
      await navigate({ to: '/' });
    } catch (err) {
      // An error about a field belongs on that field; anything else above the form.
      const fields = fieldErrors(err, t);
      if (
        !fields.currentPassword &&
        err instanceof ApiError &&
        err.reason === 'wrong_current_password'
      )
        fields.currentPassword = t('auth:account.wrongCurrent');
      setServer(fields);
      if (Object.keys(fields).length === 0) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={520}>
      <PageHeader title={t('auth:account.title')} />
      {me.mustChangePassword && (
        <Alert color="yellow" variant="light" role="status" data-testid="must-change-password">
          {t('auth:account.mustChange')}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <Paper withBorder p="lg">
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Stack>
            <PasswordInput
              label={t('auth:account.current')}
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => {
                setCurrent(e.currentTarget.value);
                setServer(({ currentPassword: _, ...rest }) => rest);
              }}
              error={touched ? problems.current : undefined}
            />
            <PasswordInput
              label={t('auth:account.new')}
              description={t('auth:account.rule', {
                min: PASSWORD_MIN_LENGTH,
                distinct: PASSWORD_MIN_DISTINCT,
              })}
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => {
                setNext(e.currentTarget.value);
                setServer(({ newPassword: _, ...rest }) => rest);
              }}
              error={touched ? problems.next : undefined}
            />
            <PasswordInput
              label={t('auth:account.confirm')}
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={touched ? problems.confirm : undefined}
            />
            <Button type="submit" loading={busy} w="fit-content">
              {t('auth:account.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
