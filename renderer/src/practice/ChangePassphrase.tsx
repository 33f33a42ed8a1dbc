import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { asApiFailure, errorMessageKey } from '../api/errors';
import { kluis } from '../api/kluis';
import { FormAlert } from '../components/FormAlert';
import { TextInputField } from '../components/form/Fields';
import { Section } from '../components/Section';
import { NewPassphraseFields, useNewPassphrase } from '../vault/NewPassphraseFields';

/** A new passphrase rewraps the vault's key; the data itself is not re-encrypted. */
export function ChangePassphrase() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [currentError, setCurrentError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState(false);
  const newPassphrase = useNewPassphrase();

  async function change() {
    setFailure(null);
    setDone(false);
    setCurrentError(undefined);
    if (!newPassphrase.matches()) return;
    setBusy(true);
    try {
      await kluis().vault.changePassphrase({ current, next: newPassphrase.next });
      setCurrent('');
      newPassphrase.clear();
      setDone(true);
    } catch (error) {
      if (asApiFailure(error)?.code === 'WRONG_SECRET') setCurrentError('wrongSecret');
      setFailure(t(errorMessageKey(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section
      target="passphrase"
      title={t('settings.passphrase.title')}
      description={t('settings.passphrase.intro')}
    >
      <Form
        className="stack narrow"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void change();
        }}
      >
        {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
        {done ? <FormAlert tone="info">{t('settings.passphrase.done')}</FormAlert> : null}
        <TextInputField
          label={t('settings.passphrase.current')}
          type="password"
          value={current}
          onChange={setCurrent}
          error={currentError}
          autoComplete="current-password"
          isRequired
        />
        <NewPassphraseFields
          nextLabel={t('settings.passphrase.next')}
          confirmLabel={t('settings.passphrase.confirm')}
          hint={t('settings.passphrase.hint')}
          {...newPassphrase.fields}
        />
        <div>
          <Button
            type="submit"
            className="button button--primary"
            isDisabled={busy || current === '' || !newPassphrase.ready}
          >
            {busy ? t('common.saving') : t('settings.passphrase.submit')}
          </Button>
        </div>
      </Form>
    </Section>
  );
}
