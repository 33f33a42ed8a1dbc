import { useState } from 'react';
import { Button, Form, Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { asApiFailure, errorMessageKey } from '../api/errors';
import { kluis } from '../api/kluis';
import { FormAlert } from '../components/FormAlert';
import { CheckboxField, TextInputField } from '../components/form/Fields';
import { Section } from '../components/Section';
import { RecoveryKeyStep } from '../vault/RecoveryKeyStep';
import '../components/job-progress.css';
import { NewPassphraseFields, useNewPassphrase } from '../vault/NewPassphraseFields';

/**
 * For a coach who fears a secret is out: a new data key, new key slots and a new
 * recovery key (vault.rotateKeys). The passphrase is re-entered to confirm; a new one is
 * optional. The new recovery key is shown once, as at creation.
 */
export function RotateKeys() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [chooseNew, setChooseNew] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [currentError, setCurrentError] = useState<string | undefined>(undefined);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const newPassphrase = useNewPassphrase(chooseNew);

  async function rotate() {
    setFailure(null);
    setDone(false);
    setCurrentError(undefined);
    if (chooseNew && !newPassphrase.matches()) return;
    setBusy(true);
    try {
      const result = await kluis().vault.rotateKeys(
        chooseNew ? { passphrase: current, next: newPassphrase.next } : { passphrase: current },
      );
      setCurrent('');
      newPassphrase.clear();
      setChooseNew(false);
      setRecoveryKey(result.recoveryKey);
    } catch (error) {
      if (asApiFailure(error)?.code === 'WRONG_SECRET') setCurrentError('wrongSecret');
      setFailure(t(errorMessageKey(error)));
    } finally {
      setBusy(false);
    }
  }

  const ready = current !== '' && (!chooseNew || newPassphrase.ready);

  return (
    <Section
      target="rotate-keys"
      title={t('settings.rotate.title')}
      description={t('settings.rotate.intro')}
    >
      {recoveryKey !== null ? (
        <div className="stack narrow">
          <h3>{t('settings.rotate.recoveryTitle')}</h3>
          <RecoveryKeyStep
            recoveryKey={recoveryKey}
            doneLabel={t('settings.rotate.recoveryDone')}
            onDone={() => {
              setRecoveryKey(null);
              setDone(true);
            }}
          />
        </div>
      ) : (
        <Form
          className="stack narrow"
          aria-label={t('settings.rotate.title')}
          validationBehavior="aria"
          onSubmit={(event) => {
            event.preventDefault();
            void rotate();
          }}
        >
          {failure ? <FormAlert tone="error">{failure}</FormAlert> : null}
          {done ? <FormAlert tone="info">{t('settings.rotate.done')}</FormAlert> : null}
          <ul className="advice__list">
            <li>{t('settings.rotate.protects')}</li>
            <li>{t('settings.rotate.backups')}</li>
            <li>{t('settings.rotate.copies')}</li>
          </ul>
          <TextInputField
            label={t('settings.rotate.current')}
            type="password"
            value={current}
            onChange={setCurrent}
            error={currentError}
            autoComplete="current-password"
            isRequired
          />
          <CheckboxField
            label={t('settings.rotate.chooseNew')}
            value={chooseNew}
            onChange={setChooseNew}
          />
          {chooseNew ? (
            <NewPassphraseFields
              nextLabel={t('settings.rotate.next')}
              confirmLabel={t('settings.rotate.confirm')}
              hint={t('settings.passphrase.hint')}
              {...newPassphrase.fields}
            />
          ) : null}
          {busy ? (
            <ProgressBar className="job-progress__bar" isIndeterminate>
              <Label className="job-progress__label">{t('settings.rotate.busy')}</Label>
            </ProgressBar>
          ) : null}
          <div>
            <Button type="submit" className="button button--primary" isDisabled={busy || !ready}>
              {t('settings.rotate.submit')}
            </Button>
          </div>
        </Form>
      )}
    </Section>
  );
}
