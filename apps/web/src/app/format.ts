import { useTranslation } from 'react-i18next';

const TIME_ZONE = 'Asia/Bangkok';

const dateTime = {
  th: new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }),
};
const dateOnly = {
  th: new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { timeZone: TIME_ZONE, dateStyle: 'medium' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'medium' }),
};

const langOf = (lng: string | undefined): 'th' | 'en' => (lng === 'en' ? 'en' : 'th');

/** Date-time formatters for the current language: Buddhist era in Thai, Bangkok time always. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.resolvedLanguage);
  return {
    lang,
    dateTime: (v: string | Date | null | undefined): string =>
      v ? dateTime[lang].format(new Date(v)) : '',
    /** A calendar day such as 2021-10-01 (no time zone shift). */
    day: (v: string | null | undefined): string =>
      v ? dateOnly[lang].format(new Date(`${v.slice(0, 10)}T12:00:00+07:00`)) : '',
    number: (n: number): string => n.toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB'),
  };
}
