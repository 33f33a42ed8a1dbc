import type { ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { localeOf } from './format';

/**
 * react-aria's fields (date order, 24-hour clock, their own words) follow the language
 * the coach chose in the app, not the operating system's locale, which is what they
 * would follow without this.
 */
export function AppLocale({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <I18nProvider locale={localeOf(i18n.language)}>{children}</I18nProvider>;
}
