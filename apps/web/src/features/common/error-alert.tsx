import { Alert, Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isPasswordChangeRequired } from '../../app/api';
import { describeError } from '../../app/errors';

/**
 * An API or network error in the user's language, with the server message as detail. A refusal
 * because the password must change first shows nothing: the app is moving to /account.
 */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!error || isPasswordChangeRequired(error)) return null;
  const { title, detail } = describeError(t, error);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {detail && (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="xs" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
