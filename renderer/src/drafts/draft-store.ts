/**
 * Unsaved form values, kept in this module's memory only: never localStorage, session
 * storage or IndexedDB, because nothing a coach types may touch the disk unencrypted.
 * They survive an auto-lock (the unlock screen replaces the forms, then the forms come
 * back and pick their values up again) and die with the window.
 */
export type DraftValues = Record<string, unknown>;

interface Draft {
  values: DraftValues;
  /** How many mounted forms use this draft right now. */
  open: number;
}

const drafts = new Map<string, Draft>();

export function readDraft(key: string): DraftValues | undefined {
  const values = drafts.get(key)?.values;
  return values && Object.keys(values).length > 0 ? values : undefined;
}

export function writeDraft(key: string, values: DraftValues): void {
  const current = drafts.get(key);
  drafts.set(key, { values, open: current?.open ?? 0 });
}

export function discardDraft(key: string): void {
  const current = drafts.get(key);
  if (!current) return;
  if (current.open > 0) current.values = {};
  else drafts.delete(key);
}

/** Marks a draft as in use by a mounted form; returns the release function. */
export function holdDraft(key: string): () => void {
  const current = drafts.get(key);
  if (current) current.open += 1;
  else drafts.set(key, { values: {}, open: 1 });
  return () => {
    const draft = drafts.get(key);
    if (!draft) return;
    draft.open -= 1;
    if (draft.open <= 0 && Object.keys(draft.values).length === 0) drafts.delete(key);
  };
}

/**
 * At lock time only the editors on screen keep their drafts: the coach gets back what
 * they were typing, and nothing else stays in memory while the vault is closed.
 */
export function keepOnlyOpenDrafts(): void {
  for (const [key, draft] of drafts) {
    if (draft.open <= 0 || Object.keys(draft.values).length === 0) drafts.delete(key);
  }
}

export function draftCount(): number {
  return drafts.size;
}

/** The record ids (the part after `prefix:`) that have unsaved values waiting. */
export function draftsUnder(prefix: string): string[] {
  const found: string[] = [];
  for (const [key, draft] of drafts) {
    if (key.startsWith(`${prefix}:`) && Object.keys(draft.values).length > 0) {
      found.push(key.slice(prefix.length + 1));
    }
  }
  return found;
}
