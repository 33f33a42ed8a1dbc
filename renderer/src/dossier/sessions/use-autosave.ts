import { useCallback, useEffect, useRef, useState } from 'react';

export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error';

export const AUTOSAVE_DELAY_MS = 1000;

/**
 * Saves a while after typing stops. One save at a time: a change made during a save is
 * saved after it, never in parallel (a new session must be created exactly once). What
 * is still unsaved when the editor closes is saved right away.
 */
export function useAutosave(save: () => Promise<'saved' | 'invalid' | 'error'>) {
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = useRef<Promise<void> | null>(null);
  const dirty = useRef(false);
  const mounted = useRef(true);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (running.current !== null) await running.current;
    if (!dirty.current) return;
    dirty.current = false;
    if (mounted.current) setStatus('saving');
    const work = saveRef.current().then((result) => {
      if (result !== 'saved') dirty.current = true;
      if (!mounted.current) return;
      if (result === 'saved') setSavedAt(new Date());
      setStatus(dirty.current && result === 'saved' ? 'pending' : result);
    });
    running.current = work;
    try {
      await work;
    } finally {
      running.current = null;
    }
  }, []);

  const changed = useCallback(() => {
    dirty.current = true;
    setStatus('pending');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
      if (dirty.current) void flush();
    };
  }, [flush]);

  return {
    status,
    savedAt,
    changed,
    /** Whether the coach changed something that no save has picked up yet. */
    hasPendingChanges: () => dirty.current,
    saveNow: flush,
  };
}
