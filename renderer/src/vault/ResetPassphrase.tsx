import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { asApiFailure, errorMessage } from '../api/errors';
import { kluis } from '../api/kluis';
import { FormAlert } from '../components/FormAlert';
import { TextInputField } from '../components/form/Fields';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphraseFields';

/**
 * A forgotten passphrase: the recovery key written down at creation sets a new one. The
 * vault stays locked; the coach then unlocks with the new passphrase as usual.
 */
export function ResetPassphrase({ onDone, onCancel }: { onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [keyError, setKeyError] = useState<string | undefined>(undefined);
  const newPassphrase = useNewPassphrase();

  async function reset() {
    setFailure(null);
    setKeyError(undefined);
    if (!newPassphrase.matches()) return;
    setBusy(true);
    try {
      await kluis().vault.resetPassphrase({ recoveryKey, next: newPassphrase.next });
      setRecoveryKey('');
      newPassphrase.clear();
      onDone();
    } catch (error) {
      const code = asApiFailure(error)?.code;
      if (code === 'RECOVERY_KEY_INVALID' || code === 'WRONG_SECRET') setKeyError('recoveryKey');
      // A well-formed key of another vault, or one replaced since (Settings): say which.
      setFailure(code === 'WRONG_SECRET' ? t('vault.reset.wrongKey') : errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form
      className="stack"
      validationBehavior="aria"
      aria-label={t('vault.reset.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void reset();
      }}
    >
      <p className="lead">{t('vault.reset.intro')}</p>
      {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
      <TextInputField
        label={t('vault.unlock.recoveryKey')}
        hint={t('vault.unlock.recoveryHint')}
        value={recoveryKey}
        onChange={(value) => {
          setRecoveryKey(value);
          setKeyError(undefined);
        }}
        error={keyError}
        inputClassName="mono"
        autoFocus
        isRequired
        spellCheck={false}
        autoComplete="off"
      />
      <NewPassphraseFields
        nextLabel={t('vault.reset.next')}
        confirmLabel={t('vault.reset.confirm')}
        hint={t('settings.passphrase.hint')}
        {...newPassphrase.fields}
      />
      <Button
        type="submit"
        className="button button--primary button--large"
        isDisabled={busy || recoveryKey.trim() === '' || !newPassphrase.ready}
      >
        {busy ? t('vault.reset.busy') : t('vault.reset.submit')}
      </Button>
      <Button className="link-button vault-card__back" onPress={onCancel}>
        {t('vault.backToUnlock')}
      </Button>
    </Form>
  );
}
