import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../api/errors';
import { kluis } from '../api/kluis';
import { useVault } from '../app/vault-state';
import { FormAlert } from '../components/FormAlert';
import { TextInputField } from '../components/form/Fields';
import { PassphraseMeter, usePassphraseStrength } from './PassphraseMeter';
import { RecoveryKeyStep } from './RecoveryKeyStep';
import { RestoreFromBackup } from './RestoreFromBackup';
import { VaultScreen } from './VaultScreen';

/** First run: choose a passphrase, then write down the recovery key shown this once. */
export function CreateVault() {
  const { t } = useTranslation();
  const vault = useVault();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const strength = usePassphraseStrength(passphrase);

  if (restoring) {
    return (
      <VaultScreen title={t('restore.title')}>
        <RestoreFromBackup vaultExists={false} onCancel={() => setRestoring(false)} />
      </VaultScreen>
    );
  }

  if (recoveryKey !== null) {
    return (
      <VaultScreen title={t('vault.recovery.title')}>
        <RecoveryKeyStep
          recoveryKey={recoveryKey}
          onDone={() => {
            setRecoveryKey(null);
            vault.unlocked('passphrase');
          }}
        />
      </VaultScreen>
    );
  }

  async function create() {
    setFailure(null);
    if (passphrase !== confirm) {
      setConfirmError('mismatch');
      return;
    }
    setConfirmError(undefined);
    setBusy(true);
    try {
      const created = await kluis().vault.create({ passphrase });
      setPassphrase('');
      setConfirm('');
      setRecoveryKey(created.recoveryKey);
    } catch (error) {
      setFailure(t(errorMessageKey(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <VaultScreen title={t('vault.create.title')}>
      <p className="lead">{t('vault.create.intro')}</p>
      <div className="advice">
        <h2 className="advice__title">{t('vault.create.adviceTitle')}</h2>
        <ul className="advice__list">
          <li>{t('vault.create.adviceSentence')}</li>
          <li>{t('vault.create.adviceOwn')}</li>
          <li>{t('vault.create.adviceExample')}</li>
          <li>{t('vault.create.adviceForget')}</li>
        </ul>
      </div>
      <Form
        className="stack"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
        <TextInputField
          label={t('vault.create.passphrase')}
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          isRequired
          autoFocus
          spellCheck={false}
        />
        <PassphraseMeter strength={strength} />
        <TextInputField
          label={t('vault.create.confirm')}
          type="password"
          value={confirm}
          onChange={(value) => {
            setConfirm(value);
            setConfirmError(undefined);
          }}
          autoComplete="new-password"
          isRequired
          error={confirmError}
          spellCheck={false}
        />
        <Button
          type="submit"
          className="button button--primary button--large"
          isDisabled={busy || strength?.acceptable !== true || confirm === ''}
        >
          {busy ? t('vault.create.busy') : t('vault.create.submit')}
        </Button>
        {strength !== null && !strength.acceptable ? (
          <p className="muted">{t('vault.create.notYet')}</p>
        ) : null}
      </Form>
      <div className="vault-card__more">
        <p className="muted">{t('restore.newComputer')}</p>
        <Button className="link-button" onPress={() => setRestoring(true)}>
          {t('restore.open')}
        </Button>
      </div>
    </VaultScreen>
  );
}
