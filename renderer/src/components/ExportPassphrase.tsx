import { useTranslation } from 'react-i18next';
import { PassphraseMeter, usePassphraseStrength } from '../vault/PassphraseMeter';
import { TextInputField } from './form/Fields';

/**
 * A passphrase that encrypts a file leaving the vault (a handover bundle, an access export),
 * with the vault's strength rule shown as it is typed and a confirmation. Without
 * `onConfirm` it is the single field that opens such a file.
 */
export function ExportPassphrase({
  value,
  onChange,
  confirm,
  onConfirm,
  label,
  hint,
  confirmLabel,
}: {
  value: string;
  onChange(value: string): void;
  confirm?: string;
  onConfirm?(value: string): void;
  label?: string;
  hint?: string;
  confirmLabel?: string;
}) {
  const { t } = useTranslation();
  const strength = usePassphraseStrength(onConfirm ? value : '');
  return (
    <>
      <TextInputField
        label={label ?? t('handover.passphrase')}
        hint={onConfirm ? (hint ?? t('handover.passphraseHint')) : undefined}
        type="password"
        value={value}
        onChange={onChange}
        autoComplete="off"
        spellCheck={false}
      />
      {onConfirm ? (
        <>
          <PassphraseMeter strength={strength} />
          <TextInputField
            label={confirmLabel ?? t('handover.passphraseConfirm')}
            type="password"
            value={confirm ?? ''}
            onChange={onConfirm}
            error={confirm && confirm !== value ? 'mismatch' : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </>
      ) : null}
    </>
  );
}
