import { MantineProvider } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { makeTheme } from './theme';

/** Mantine with our theme; rebuilt when the language changes so its built-in labels follow. */
export function ThemedProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(
    () => makeTheme({ close: t('common.close'), togglePassword: t('common.togglePassword') }),
    [t],
  );
  return <MantineProvider theme={theme}>{children}</MantineProvider>;
}
