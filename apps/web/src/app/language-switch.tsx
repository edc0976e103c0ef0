import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

/** ไทย / English; the choice is kept in localStorage and sets <html lang>. */
export function LanguageSwitch({ variant = 'header' }: { variant?: 'header' | 'plain' }) {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.resolvedLanguage === 'en' ? 'en' : 'th';
  return (
    <div role="group" aria-label={t('header.language')}>
      <SegmentedControl
        size="xs"
        value={value}
        onChange={(v) => setLanguage(v === 'en' ? 'en' : 'th')}
        data={[
          { value: 'th', label: t('lang.th') },
          { value: 'en', label: t('lang.en') },
        ]}
        className={variant === 'header' ? 'lang-switch-header' : undefined}
      />
    </div>
  );
}
