import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang, Text } from '../ipc';
import zh from './zh';
import en from './en';

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** Picks the current language out of a bilingual Text from the core. */
export function useText(): (text: Text | null | undefined) => string {
  const { i18n: inst } = useTranslation();
  const lang: Lang = inst.language === 'en' ? 'en' : 'zh';
  return (text) => (text ? text[lang] : '');
}
