import { useCallback, useEffect, useState } from 'react';
import { discardDraft, holdDraft, readDraft, writeDraft } from './draft-store';

/**
 * State that is not a form field (a case picker, a review in progress) kept in the
 * in-memory draft store like form values: it survives an auto-lock and dies with the
 * window. `key` null keeps it in component state only.
 */
export function useDraftState<T>(
  key: string | null,
  initial: T | (() => T),
): [T, (value: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    const draft = key === null ? undefined : readDraft(key);
    if (draft && 'value' in draft) return draft.value as T;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });

  useEffect(() => {
    if (key === null) return;
    return holdDraft(key);
  }, [key]);

  const set = useCallback(
    (next: T) => {
      setValue(next);
      if (key !== null) writeDraft(key, { value: next });
    },
    [key],
  );
  const forget = useCallback(() => {
    if (key !== null) discardDraft(key);
  }, [key]);
  return [value, set, forget];
}
