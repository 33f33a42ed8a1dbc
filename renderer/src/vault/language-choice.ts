import type { Language } from '../i18n';

/**
 * A language picked on the create or unlock screen, before the vault's settings can be
 * written. Without this, the stored language replaced the coach's choice the moment the
 * vault opened: a choice shown as made, kept only in memory.
 */
let chosenWhileLocked: Language | null = null;

export function chooseLanguageWhileLocked(language: Language): void {
  chosenWhileLocked = language;
}

/** The choice still to be saved, once; null when the coach chose nothing. */
export function takeLanguageChosenWhileLocked(): Language | null {
  const chosen = chosenWhileLocked;
  chosenWhileLocked = null;
  return chosen;
}
