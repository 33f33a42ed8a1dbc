import type { PassphraseStrength } from '../../../electron/api';
import { TextInputField } from '../components/form/Fields';
import { PassphraseMeter } from './PassphraseMeter';

/**
 * A new passphrase typed twice, with the strength meter between: the same three fields
 * wherever a coach chooses one (reset by recovery key, after a recovery-key unlock, change,
 * key rotation), so their words, checks and order never drift apart.
 */
export function NewPassphraseFields(props: {
  nextLabel: string;
  confirmLabel: string;
  hint: string;
  next: string;
  onNext(value: string): void;
  confirm: string;
  /** Typing in the repeat field clears its error: the caller's setter does both. */
  onConfirm(value: string): void;
  confirmError: string | undefined;
  strength: PassphraseStrength | null;
}) {
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
