import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { type DraftValues, discardDraft, holdDraft, readDraft, writeDraft } from './draft-store';

export interface FormDraft {
  /** True when the form shows values typed earlier and not yet saved. */
  restored: boolean;
  /** Forgets the unsaved values and shows the saved record again. */
  discard(): void;
  /** Call after a successful save. */
  saved(): void;
  /** Stores the current values, for changes made by code rather than typing. */
  capture(): void;
}

/**
 * Keeps what the coach types in a form in the in-memory draft store, and puts it back
 * when the form mounts again (after an auto-lock, or coming back to the screen).
 * `ready` is false until the form holds the saved record, so a draft is laid over the
 * record rather than replaced by it.
 */
export function useFormDraft<T extends FieldValues>(
  key: string | null,
  form: UseFormReturn<T>,
  ready: boolean,
  onRestore?: () => void,
): FormDraft {
  const [restored, setRestored] = useState(false);
  const restoreRef = useRef(onRestore);
  restoreRef.current = onRestore;
  // Whether the coach typed something that no save or discard has dealt with yet.
  const typed = useRef(false);

  useEffect(() => {
    if (key === null) return;
    return holdDraft(key);
  }, [key]);

  useEffect(() => {
    if (key === null || !ready) return;
    const draft = readDraft(key);
    if (draft) {
      form.reset(draft as T, { keepDefaultValues: true });
      typed.current = true;
      setRestored(true);
      restoreRef.current?.();
    }
    const subscription = form.watch((values, { type }) => {
      // Only the coach's own typing is a draft; a reset to the saved record is not.
      if (type !== 'change') return;
      typed.current = true;
      writeDraft(key, { ...(values as DraftValues) });
    });
    return () => {
      subscription.unsubscribe();
      // The form is going away, perhaps because its page failed: what it holds is the
      // latest word, whatever the last change event carried.
      if (typed.current) writeDraft(key, { ...(form.getValues() as DraftValues) });
    };
  }, [key, ready, form]);

  const discard = useCallback(() => {
    typed.current = false;
    if (key !== null) discardDraft(key);
    form.reset();
    setRestored(false);
  }, [key, form]);

  const saved = useCallback(() => {
    typed.current = false;
    if (key !== null) discardDraft(key);
    setRestored(false);
  }, [key]);

  const capture = useCallback(() => {
    typed.current = true;
    if (key !== null) writeDraft(key, { ...(form.getValues() as DraftValues) });
  }, [key, form]);

  return { restored, discard, saved, capture };
}
