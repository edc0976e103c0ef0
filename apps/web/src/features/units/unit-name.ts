import { useTranslation } from 'react-i18next';

/** A unit's or division's name in the current language (Thai when no English name is recorded). */
export function useLocalName() {
  const { i18n } = useTranslation();
  const en = i18n.resolvedLanguage === 'en';
  return (x: { nameTh: string; nameEn: string }): string => (en && x.nameEn ? x.nameEn : x.nameTh);
}
