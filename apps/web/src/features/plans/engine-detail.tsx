import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The engine's own words (English, with its figures) after a finding named in the user's
 * language: shown in English only, so a Thai page never carries an English sentence.
 */
export function EngineDetail({ message }: { message: string }) {
  const { i18n } = useTranslation();
  if (i18n.language !== 'en' || !message) return null;
  return (
    <Text span c="dimmed" size="xs">
      {' — '}
      {message}
    </Text>
  );
}
