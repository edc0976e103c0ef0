import { Button, Center, Stack } from '@mantine/core';
import { Navigate, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isPasswordChangeRequired } from '../../app/api';
import { ErrorAlert } from './error-alert';

/** What a route shows when loading it failed (e.g. the server cannot be reached). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  // Refused until the password is changed: go there instead of showing an error page.
  if (isPasswordChangeRequired(error)) return <Navigate to="/account" replace />;
  return (
    <Center mih="60vh" p="md">
      <Stack maw={520} w="100%">
        <ErrorAlert error={error} />
        <Button
          variant="light"
          w="fit-content"
          onClick={() => {
            reset();
            window.location.reload();
          }}
        >
          {t('common.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
