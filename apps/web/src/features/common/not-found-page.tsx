import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Center mih="60vh" data-testid="not-found">
      <Stack align="center" gap="sm">
        <Text c="dimmed" fw={600}>
          404
        </Text>
        <Title order={2}>{t('notFound.title')}</Title>
        <Button component={Link} to="/" variant="light">
          {t('notFound.back')}
        </Button>
      </Stack>
    </Center>
  );
}
