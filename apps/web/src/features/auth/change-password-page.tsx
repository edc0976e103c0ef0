import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, authApi } from '../../app/api';
import { useAuth, useMe } from '../../app/auth';
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
  const [done, setDone] = useState(false);
  const [wrongCurrent, setWrongCurrent] = useState(false);

  const problems = {
    current: !current
      ? t('login.required', { field: t('account.current') })
      : wrongCurrent
        ? t('account.wrongCurrent')
        : null,
    next: next === current && next ? t('account.same') : passwordRuleMessage(t, next, me.username),
    confirm: confirm !== next ? t('account.mismatch') : null,
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setDone(false);
    if (problems.current || problems.next || problems.confirm) return;
    setBusy(true);
    setError(null);
    setWrongCurrent(false);
    try {
      await authApi.changePassword(current, next);
      const wasForced = me.mustChangePassword;
      passwordChanged();
      setCurrent('');
      setNext('');
      setConfirm('');
      setTouched(false);
      setDone(true);
      if (wasForced) await navigate({ to: '/organization' });
    } catch (err) {
      // A wrong current password belongs on its field; anything else above the form.
      if (err instanceof ApiError && err.reason === 'wrong_current_password') setWrongCurrent(true);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={520}>
      <PageHeader title={t('account.title')} />
      {me.mustChangePassword && (
        <Alert color="yellow" variant="light" role="status" data-testid="must-change-password">
          {t('account.mustChange')}
        </Alert>
      )}
      {done && (
        <Alert color="teal" variant="light" role="status">
          {t('account.done')}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <Paper withBorder p="lg">
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Stack>
            <PasswordInput
              label={t('account.current')}
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => {
                setCurrent(e.currentTarget.value);
                setWrongCurrent(false);
              }}
              error={touched ? problems.current : undefined}
            />
            <PasswordInput
              label={t('account.new')}
              description={t('account.rule', {
                min: PASSWORD_MIN_LENGTH,
                distinct: PASSWORD_MIN_DISTINCT,
              })}
              autoComplete="new-password"
              required
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={touched ? problems.next : undefined}
            />
            <PasswordInput
              label={t('account.confirm')}
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={touched ? problems.confirm : undefined}
            />
            <Button type="submit" loading={busy} w="fit-content">
              {t('account.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
