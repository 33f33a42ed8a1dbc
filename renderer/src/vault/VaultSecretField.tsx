import { Switch } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { TextInputField } from '../components/form/Fields';

export type VaultSecret = { passphrase: string } | { recoveryKey: string };

export interface VaultSecretValue {
  useRecovery: boolean;
  text: string;
}

export const emptySecret: VaultSecretValue = { useRecovery: false, text: '' };

export function secretOf(value: VaultSecretValue): VaultSecret {
  return value.useRecovery ? { recoveryKey: value.text } : { passphrase: value.text };
}

/**
 * What proves the coach may replace the vault: today's passphrase or the recovery key,
 * asked for in the restore dialog (an old backup's passphrase does not count).
 */
export function VaultSecretField({
  value,
  onChange,
}: {
  value: VaultSecretValue;
  onChange(value: VaultSecretValue): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {value.useRecovery ? (
        <TextInputField
          key="recovery"
          label={t('vault.unlock.recoveryKey')}
          hint={t('vault.unlock.recoveryHint')}
          value={value.text}
          onChange={(text) => onChange({ ...value, text })}
          inputClassName="mono"
          isRequired
          spellCheck={false}
          autoComplete="off"
        />
      ) : (
        <TextInputField
          key="passphrase"
          label={t('backups.restoreSecret.passphrase')}
          hint={t('backups.restoreSecret.hint')}
          type="password"
          value={value.text}
          onChange={(text) => onChange({ ...value, text })}
          isRequired
          autoComplete="current-password"
          spellCheck={false}
        />
      )}
      <Switch
        className="switch"
        isSelected={value.useRecovery}
        onChange={(useRecovery) => onChange({ useRecovery, text: '' })}
      >
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        {t('vault.unlock.useRecovery')}
      </Switch>
    </div>
  );
}
