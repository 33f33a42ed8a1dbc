import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../components/form/Fields';
import { useFormat } from '../i18n/format';

function RecoveryKeyGroups({ recoveryKey }: { recoveryKey: string }) {
  return (
    <p className="recovery-key">
      {recoveryKey.split('-').map((group, index) => (
        // The groups are positional: the same group can repeat, so the index is the key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <span key={index} className="recovery-key__group">
          {group}
        </span>
      ))}
    </p>
  );
}

/**
 * Shown once, right after the vault is made or its keys are replaced: the only way back
 * in without the passphrase.
 */
export function RecoveryKeyStep({
  recoveryKey,
  onDone,
  doneLabel,
}: {
  recoveryKey: string;
  onDone(): void;
  doneLabel?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [written, setWritten] = useState(false);
  return (
    <div className="stack">
      <p className="lead">{t('vault.recovery.intro')}</p>
      <section className="recovery-box" aria-label={t('vault.recovery.keyLabel')}>
        <RecoveryKeyGroups recoveryKey={recoveryKey} />
      </section>
      <ul className="advice__list">
        <li>{t('vault.recovery.paper')}</li>
        <li>{t('vault.recovery.notDigital')}</li>
        <li>{t('vault.recovery.once')}</li>
      </ul>
      <div>
        <Button className="button" onPress={() => window.print()}>
          {t('vault.recovery.print')}
        </Button>
      </div>
      <CheckboxField label={t('vault.recovery.confirm')} value={written} onChange={setWritten} />
      <Button
        className="button button--primary button--large"
        isDisabled={!written}
        onPress={onDone}
      >
        {doneLabel ?? t('vault.recovery.continue')}
      </Button>
      <section className="print-only">
        <h1>{t('vault.recovery.printTitle')}</h1>
        <p>
          {t('vault.recovery.printDate', {
            date: format.day(new Date()),
          })}
        </p>
        <RecoveryKeyGroups recoveryKey={recoveryKey} />
        <p>{t('vault.recovery.printUse')}</p>
      </section>
    </div>
  );
}
