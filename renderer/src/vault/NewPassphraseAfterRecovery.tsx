import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';
import { kluis } from '../api/kluis';
import { FormAlert } from '../components/FormAlert';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphraseFields';

/**
 * After an unlock with the recovery key: the coach has likely forgotten her passphrase,
 * and Settings would ask for it. The key she just typed sets a new one right here.
 */
export function NewPassphraseAfterRecovery({
  recoveryKey,
  onDone,
}: {
  recoveryKey: string;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const newPassphrase = useNewPassphrase();

  async function submit() {
    setFailure(null);
    if (!newPassphrase.matches()) return;
    setBusy(true);
    try {
      await kluis().vault.resetPassphrase({ recoveryKey, next: newPassphrase.next });
      newPassphrase.clear();
      onDone();
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      className="stack"
      validationBehavior="aria"
      aria-label={t('vault.recoveryUsed.formTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <NewPassphraseFields
        nextLabel={t('vault.reset.next')}
        confirmLabel={t('vault.reset.confirm')}
        hint={t('settings.passphrase.hint')}
        {...newPassphrase.fields}
      />
      <Button
        type="submit"
        className="button button--primary"
        isDisabled={busy || !newPassphrase.ready}
      >
        {busy ? t('vault.reset.busy') : t('vault.reset.submit')}
      </Button>
    </Form>
  );
}
