import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MODULES } from '../app/modules';
import type { Messages } from '../app/module';
import th from './th.json';
import en from './en.json';

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'pbis.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'en' ? 'en' : 'th';
}

export function setLanguage(lang: Language): void {
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
});

/** The shared strings (default namespace) and each module's own, under its id. */
export function resourcesOf(
  modules: readonly { id: string; messages: { th: Messages; en: Messages } }[],
): Record<Language, Record<string, Messages>> {
  const of = (lang: Language, shared: Messages) => ({
    translation: shared,
    ...Object.fromEntries(modules.map((m) => [m.id, m.messages[lang]])),
  });
  return { th: of('th', th), en: of('en', en) };
}

void i18n.use(initReactI18next).init({
  resources: resourcesOf(MODULES),
  ns: ['translation', ...MODULES.map((m) => m.id)],
  defaultNS: 'translation',
  lng: storedLanguage(),
  fallbackLng: 'th',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = storedLanguage();

export default i18n;
