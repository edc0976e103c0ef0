import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { useMe } from '../../app/auth';

export function ForbiddenPage() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  const me = useMe();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl" role="alert" data-testid="forbidden">
      <Stack align="center" gap="sm" ta="center">
        <ThemeIcon size={56} radius="xl" color="red" variant="light" aria-hidden="true">
          <svg
            width="28"
            height="28"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          >
            <circle cx="12" cy="12" r="9" />
            <path d="M5.6 5.6l12.8 12.8" />
          </svg>
        </ThemeIcon>
        <Text c="dimmed" fw={600}>
          {t('forbidden.code')}
        </Text>
        <Title order={2}>{t('forbidden.title')}</Title>
        <Text>{t('forbidden.body', { role: t(`roles.${me.role}`) })}</Text>
        <Button component={Link} to="/" variant="light">
          {t('forbidden.back')}
        </Button>
      </Stack>
    </Paper>
  );
}
