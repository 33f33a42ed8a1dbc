import { useId, useState } from 'react';
import { Button, Form, Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { asApiFailure } from '../api/errors';
import { kluis } from '../api/kluis';
import { useVault } from '../app/vault-state';
import { FormAlert } from '../components/FormAlert';
import { TextInputField } from '../components/form/Fields';
import { ResetPassphrase } from './ResetPassphrase';
import { RestoreFromBackup } from './RestoreFromBackup';
import { VaultScreen } from './VaultScreen';

const KNOWN_REASONS = ['idle', 'screen-locked', 'suspend', 'user', 'unknown', 'restore'];

type Mode = 'unlock' | 'reset' | 'restore';

/** Unlock, or the two ways back in: a new passphrase with the recovery key, or a backup. */
export function Unlock() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('unlock');
  const [resetDone, setResetDone] = useState(false);
  if (mode === 'reset') {
    return (
      <VaultScreen title={t('vault.reset.title')}>
        <ResetPassphrase
          onCancel={() => setMode('unlock')}
          onDone={() => {
            setResetDone(true);
            setMode('unlock');
          }}
        />
      </VaultScreen>
    );
  }
  if (mode === 'restore') {
    return (
      <VaultScreen title={t('restore.title')}>
        <RestoreFromBackup
          vaultExists
          onCancel={() => setMode('unlock')}
          onRestored={() => {
            setResetDone(false);
            setMode('unlock');
          }}
        />
      </VaultScreen>
    );
  }
  return (
    <UnlockForm
      resetDone={resetDone}
      onForgot={() => {
        setResetDone(false);
        setMode('reset');
      }}
      onRestore={() => setMode('restore')}
    />
  );
}

function UnlockForm({
  resetDone,
  onForgot,
  onRestore,
}: {
  resetDone: boolean;
  onForgot(): void;
  onRestore(): void;
}) {
  const { t } = useTranslation();
  const vault = useVault();
  const [useRecovery, setUseRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ code: string } | null>(null);
  const recoveryHintId = useId();
  const forgotHintId = useId();
  const restoreHintId = useId();

  async function unlock() {
    setBusy(true);
    setFailure(null);
    try {
      await kluis().vault.unlock(useRecovery ? { recoveryKey: secret } : { passphrase: secret });
      setSecret('');
      if (useRecovery) vault.unlocked('recovery-key', secret);
      else vault.unlocked('passphrase');
    } catch (error) {
      setFailure({ code: asApiFailure(error)?.code ?? 'INTERNAL' });
    } finally {
      setBusy(false);
    }
  }

  const reason = vault.lockReason;
  return (
    <VaultScreen title={t('vault.unlock.title')}>
      {resetDone ? (
        <FormAlert tone="info">{t('vault.reset.done')}</FormAlert>
      ) : reason && KNOWN_REASONS.includes(reason) ? (
        <FormAlert tone="info">
          {t(`vault.lockReason.${reason}`)}
          {reason === 'restore' && vault.restoredAside ? (
            <>
              {' '}
              {t('vault.restoredAside')}
              <details>
                <summary>{t('vault.restoredAsideTechnical')}</summary>
                <span className="mono">{vault.restoredAside}</span>
              </details>
            </>
          ) : null}
        </FormAlert>
      ) : null}
      <Form
        className="stack"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          void unlock();
        }}
      >
        {failure ? (
          <FormAlert tone="error">
            {failure.code === 'WRONG_SECRET' && useRecovery
              ? t('vault.reset.wrongKey')
              : t(`errors.${failure.code}`, { defaultValue: t('errors.INTERNAL') })}
            {failure.code === 'VAULT_DAMAGED' ? (
              <>
                {' '}
                {t('vault.unlock.damagedHint')}{' '}
                <Button className="link-button" onPress={onRestore}>
                  {t('restore.open')}
                </Button>
              </>
            ) : null}
          </FormAlert>
        ) : null}
        {/* Above the field and button it changes, so the coach sees the choice before acting. */}
        <div className="unlock-way">
          <Switch
            className="switch"
            aria-describedby={recoveryHintId}
            isSelected={useRecovery}
            onChange={(selected) => {
              setUseRecovery(selected);
              setSecret('');
              setFailure(null);
            }}
          >
            <span className="switch__track" aria-hidden="true">
              <span className="switch__thumb" />
            </span>
            {t('vault.unlock.useRecovery')}
          </Switch>
          <p id={recoveryHintId} className="field__hint">
            {t('vault.unlock.useRecoveryHint')}
          </p>
        </div>
        {useRecovery ? (
          <TextInputField
            key="recovery"
            label={t('vault.unlock.recoveryKey')}
            hint={t('vault.unlock.recoveryHint')}
            value={secret}
            onChange={setSecret}
            inputClassName="mono"
            autoFocus
            isRequired
            spellCheck={false}
            autoComplete="off"
          />
        ) : (
          <TextInputField
            key="passphrase"
            label={t('vault.unlock.passphrase')}
            type="password"
            value={secret}
            onChange={setSecret}
            autoFocus
            isRequired
            autoComplete="current-password"
            spellCheck={false}
          />
        )}
        <Button
          type="submit"
          className="button button--primary button--large"
          isDisabled={busy || secret === ''}
        >
          {busy ? t('vault.unlock.busy') : t('vault.unlock.submit')}
        </Button>
      </Form>
      <ul className="vault-card__more vault-card__ways">
        <li>
          <Button className="link-button" onPress={onForgot} aria-describedby={forgotHintId}>
            {t('vault.unlock.forgot')}
          </Button>
          <p id={forgotHintId} className="field__hint">
            {t('vault.unlock.forgotHint')}
          </p>
        </li>
        <li>
          <Button className="link-button" onPress={onRestore} aria-describedby={restoreHintId}>
            {t('restore.open')}
          </Button>
          <p id={restoreHintId} className="field__hint">
            {t('vault.unlock.restoreHint')}
          </p>
        </li>
      </ul>
    </VaultScreen>
  );
}
