import { useEffect, useState } from 'react';
import { Label, Meter } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PassphraseStrength } from '../../../electron/api';
import { kluis } from '../api/kluis';
import { strengthBar, strengthLabelKey, strengthLevel } from './strength-label';

const ASSESS_DELAY_MS = 250;

/** zxcvbn's verdict on what is typed, asked of the main process after a short pause. */
export function usePassphraseStrength(passphrase: string): PassphraseStrength | null {
  const [strength, setStrength] = useState<PassphraseStrength | null>(null);
  useEffect(() => {
    if (passphrase === '') {
      setStrength(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      kluis()
        .vault.assessPassphrase({ passphrase })
        .then(
          (result) => {
            if (current) setStrength(result);
          },
          () => {
            if (current) setStrength(null);
          },
        );
    }, ASSESS_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [passphrase]);
  return strength;
}

export function PassphraseMeter({ strength }: { strength: PassphraseStrength | null }) {
  const { t } = useTranslation();
  const level = strengthLevel(strength);
  const value = strengthBar(strength);
  return (
    <Meter
      className={`meter meter--${level}`}
      minValue={0}
      maxValue={4}
      value={value}
      valueLabel={t(strengthLabelKey[level])}
    >
      {({ valueText }) => (
        <>
          <div className="meter__top">
            <Label className="meter__label">{t('vault.strength.label')}</Label>
            <span className="meter__value">{valueText}</span>
          </div>
          <div className="meter__track" aria-hidden="true">
            {[0, 1, 2, 3].map((segment) => (
              <span
                key={segment}
                className={`meter__segment ${segment < value ? 'meter__segment--on' : ''}`}
              />
            ))}
          </div>
        </>
      )}
    </Meter>
  );
}
