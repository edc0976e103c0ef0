import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MODULES } from '../app/modules';
import { LANGUAGES, resourcesOf, type Language } from './resources';

export { LANGUAGES, type Language };

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
