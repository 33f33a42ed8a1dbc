import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiErrorCodes } from '../../electron/api';
import type { DutyId, DutyState } from '../../electron/services/compliance/types';
import en from '../../renderer/src/i18n/en.json';
import nl from '../../renderer/src/i18n/nl.json';

/**
 * Every text of the UI exists in Dutch and English, and every key the API or the
 * compliance engine hands the UI (errors.<CODE>, duty.<id>.…) has a translation, so no
 * coach ever sees a raw key.
 */

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [inner, text] of flatten(value, path)) keys.set(inner, text);
  }
  return keys;
}

const languages = { nl: flatten(nl as Tree), en: flatten(en as Tree) };

/** i18next resolves `key` with a count to `key_one` / `key_other`. */
function has(keys: Map<string, string>, key: string): boolean {
  return keys.has(key) || (keys.has(`${key}_one`) && keys.has(`${key}_other`));
}

// Listed by hand, checked by the compiler: a new duty id fails the type check below
// until it is added here, and so until it is translated.
const dutyIds = [
  'code-given',
  'contract-signed',
  'confidentiality-agreed',
  'supervision-consent',
  'guardian-agreement',
  'conflicts-discussed',
  'retention',
  'follow-ups',
  'continuity-plan',
  'continuity-drill',
  'insurance',
  'supervision-recent',
  'backup-recent',
] as const satisfies readonly DutyId[];
type Unlisted = Exclude<DutyId, (typeof dutyIds)[number]>;
const everyDutyListed: [Unlisted] extends [never] ? true : Unlisted = true;

const actionStates = ['missing', 'overdue', 'due-soon'] as const satisfies readonly DutyState[];
const allStates = [
  'done',
  'missing',
  'overdue',
  'due-soon',
  'not-applicable',
] as const satisfies readonly DutyState[];

/** Keys written literally in the renderer: t('a.b'), i18nKey="a.b", titleKey etc. excluded. */
function literalKeys(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = readFileSync(path, 'utf8');
        for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
          if (match[1]) found.add(match[1]);
        }
      }
    }
  };
  walk(join(import.meta.dirname, '../../renderer/src'));
  return found;
}

describe('translations', () => {
  it('have the same keys in Dutch and English', () => {
    const onlyNl = [...languages.nl.keys()].filter((key) => !languages.en.has(key));
    const onlyEn = [...languages.en.keys()].filter((key) => !languages.nl.has(key));
    expect(onlyNl, 'keys only in nl.json').toEqual([]);
    expect(onlyEn, 'keys only in en.json').toEqual([]);
  });

  it('leave no text empty', () => {
    for (const [language, keys] of Object.entries(languages)) {
      const empty = [...keys].filter(([, text]) => text.trim() === '').map(([key]) => key);
      expect(empty, `empty texts in ${language}`).toEqual([]);
    }
  });

  it('translate every API error code', () => {
    for (const keys of Object.values(languages)) {
      const missing = apiErrorCodes.filter((code) => !keys.has(`errors.${code}`));
      expect(missing).toEqual([]);
    }
  });

  it('translate every duty title and every action state', () => {
    expect(everyDutyListed).toBe(true);
    for (const keys of Object.values(languages)) {
      const wanted = dutyIds.flatMap((id) => [
        `duty.${id}.title`,
        ...actionStates.map((state) => `duty.${id}.action.${state}`),
      ]);
      expect(wanted.filter((key) => !keys.has(key))).toEqual([]);
      const states = allStates.flatMap((state) => [`dutyState.${state}`, `duties.since.${state}`]);
      expect(states.filter((key) => !keys.has(key))).toEqual([]);
    }
  });

  it('hold every key the renderer names literally', () => {
    const used = [...literalKeys()];
    expect(used.length).toBeGreaterThan(100);
    for (const [language, keys] of Object.entries(languages)) {
      expect(
        used.filter((key) => !has(keys, key)),
        `keys used in renderer/src but missing in ${language}.json`,
      ).toEqual([]);
    }
  });
});
