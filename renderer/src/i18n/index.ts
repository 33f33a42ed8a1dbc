import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import nl from './nl.json';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

export const resources = { nl: { translation: nl }, en: { translation: en } } as const;

/** Dutch first: the code and most coaches are Dutch; English is complete as a second. */
export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: 'nl',
    fallbackLng: 'nl',
    supportedLngs: [...languages],
    saveMissing: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = 'nl';
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}

export function isLanguage(value: string): value is Language {
  return (languages as readonly string[]).includes(value);
}
