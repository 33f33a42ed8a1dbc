import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { chooseLanguageWhileLocked } from './language-choice';

/** Before the vault opens its settings cannot be read, so the language is chosen here too. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'nl' : 'en';
  return (
    <Button
      className="link-button language-toggle"
      onPress={() => {
        chooseLanguageWhileLocked(other);
        void i18n.changeLanguage(other);
      }}
    >
      <span lang={other}>{t('vault.switchLanguage')}</span>
    </Button>
  );
}
