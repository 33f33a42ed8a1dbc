import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsFields } from '../../../electron/contract/records';
import { errorMessageKey } from '../api/errors';
import { kluis } from '../api/kluis';
import { shellPlatform } from '../api/platform';
import { keys, useInvalidate, useSettings } from '../api/queries';
import { FormAlert } from '../components/FormAlert';
import { SelectField } from '../components/form/Fields';
import { RecordForm } from '../components/form/RecordForm';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { Section } from '../components/Section';
import { isLanguage, languages } from '../i18n';
import { ChangePassphrase } from './ChangePassphrase';
import { RotateKeys } from './RotateKeys';
import { settingsSpecs } from './specs';

const numberSettings = settingsFields.pick({
  idleLockMinutes: true,
  retentionYears: true,
  supervisionMaxMonths: true,
});

function LanguageSetting({ language }: { language: string }) {
  const { t, i18n } = useTranslation();
  const invalidate = useInvalidate();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Section
      target="language"
      title={t('settings.language.title')}
      description={t('settings.language.intro')}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <SelectField
        label={t('settings.language.label')}
        value={language}
        onChange={(value) => {
          if (!isLanguage(value)) return;
          setFailure(null);
          // Applies at once; stored so the next unlock opens in the same language.
          void i18n.changeLanguage(value);
          kluis()
            .settings.update({ language: value })
            .then(() => invalidate(keys.settings))
            .catch((error: unknown) => setFailure(t(errorMessageKey(error))));
        }}
        choices={languages.map((value) => ({ value, label: t(`settings.language.${value}`) }))}
      />
    </Section>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const invalidate = useInvalidate();
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.intro')} />
      <QueryState query={settings}>
        {(data) => (
          <div className="tab-stack">
            <LanguageSetting language={data.language} />
            <Section target="security" title={t('settings.general.title')}>
              {/* Electron's powerMonitor sends 'lock-screen' on macOS and Windows only
                  (https://www.electronjs.org/docs/latest/api/power-monitor#event-lock-screen-macos-windows). */}
              {shellPlatform() === 'linux' ? (
                <FormAlert tone="info">{t('settings.general.linuxScreenLock')}</FormAlert>
              ) : null}
              <RecordForm
                label={t('settings.general.title')}
                specs={settingsSpecs}
                schema={numberSettings}
                labelPrefix="fields.settings"
                record={data}
                draftKey="settings"
                submitLabel={t('common.save')}
                onSubmit={async (changes) => {
                  await kluis().settings.update(changes);
                  await invalidate(keys.settings, keys.practice, keys.clients(), ['dossier']);
                }}
              />
            </Section>
            <ChangePassphrase />
            <RotateKeys />
          </div>
        )}
      </QueryState>
    </div>
  );
}
