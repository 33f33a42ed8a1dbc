import { useState } from 'react';
import type { PassphraseStrength } from '../../../electron/api';
import { TextInputField } from '../components/form/Fields';
import { PassphraseMeter, usePassphraseStrength } from './PassphraseMeter';

interface NewPassphraseState {
  readonly next: string;
  readonly onNext: (value: string) => void;
  readonly confirm: string;
  readonly onConfirm: (value: string) => void;
  readonly confirmError: string | undefined;
  readonly strength: PassphraseStrength | null;
}

/**
 * A new passphrase typed twice, and the policy's verdict on it: the state behind
 * `NewPassphraseFields`, the same wherever a coach chooses one (reset by recovery key, after
 * a recovery-key unlock, change, key rotation). `assess` false skips the verdict while the
 * fields are hidden.
 */
export function useNewPassphrase(assess = true) {
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | undefined>(undefined);
  const strength = usePassphraseStrength(assess ? next : '');
  const fields: NewPassphraseState = {
    next,
    onNext: setNext,
    confirm,
    onConfirm: (value) => {
      setConfirm(value);
      setConfirmError(undefined);
    },
    confirmError,
    strength,
  };
  return {
    next,
    fields,
    /** Strong enough for the policy and typed a second time: the form may be sent. */
    ready: strength?.acceptable === true && confirm !== '',
    /** True when both fields agree; otherwise the repeat field shows why. */
    matches(): boolean {
      const same = next === confirm;
      setConfirmError(same ? undefined : 'mismatch');
      return same;
    },
    clear(): void {
      setNext('');
      setConfirm('');
      setConfirmError(undefined);
    },
  };
}

/**
 * The new passphrase, the strength meter and the repeat field, in that order, so their
 * words, checks and order never drift apart between the screens that ask for one.
 */
export function NewPassphraseFields(
  props: NewPassphraseState & { nextLabel: string; confirmLabel: string; hint: string },
) {
  return (
    <>
      <TextInputField
        label={props.nextLabel}
        hint={props.hint}
        type="password"
        value={props.next}
        onChange={props.onNext}
        autoComplete="new-password"
        isRequired
        spellCheck={false}
      />
      <PassphraseMeter strength={props.strength} />
      <TextInputField
        label={props.confirmLabel}
        type="password"
        value={props.confirm}
        onChange={props.onConfirm}
        error={props.confirmError}
        autoComplete="new-password"
        isRequired
        spellCheck={false}
      />
    </>
  );
}
