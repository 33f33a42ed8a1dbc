import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/en.json';
import nl from '../../renderer/src/i18n/nl.json';
import {
  AUDIT_DETAIL_KINDS,
  auditActionValues,
  auditDetailParts,
} from '../../renderer/src/practice/audit-details';

/**
 * The audit log shows each entry's details in the coach's language ("nodig om te openen:
 * 2"), never the services' own keys ("threshold: 2"); what means nothing to a coach sits
 * under "Technische details".
 */

const ROOT = join(import.meta.dirname, '..', '..');

async function translator(language: 'nl' | 'en'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: { nl: { translation: nl }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const format = {
  number: (value: number) => String(value),
  bytes: (value: number) => `${Math.round(value / 1024)} kB`,
  day: (value: string) => `dag ${value}`,
};

/** The keys of every literal details object the services pass to the audit log. */
function detailKeysInServices(): Map<string, string> {
  const keys = new Map<string, string>();
  const files = ['electron', 'db'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(dir, name)),
  );
  for (const file of files) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const call of source.matchAll(/\b(?:appendAudit|audit)\(/g)) {
      if (source.slice(0, call.index).endsWith('function ')) continue;
      // The call's own text, up to its closing parenthesis.
      let depth = 0;
      let end = call.index + call[0].length - 1;
      for (; end < source.length; end += 1) {
        if (source[end] === '(') depth += 1;
        else if (source[end] === ')' && --depth === 0) break;
      }
      const text = source.slice(call.index, end);
      const open = text.indexOf('{');
      if (open < 0) continue;
      // Only the details object itself, up to its closing brace.
      let close = open;
      for (let braces = 0; close < text.length; close += 1) {
        if (text[close] === '{') braces += 1;
        else if (text[close] === '}' && --braces === 0) break;
      }
      for (const key of text.slice(open, close + 1).matchAll(/[{,]\s*(\w+)\s*(?=[:,}])/g)) {
        if (key[1]) keys.set(key[1], file);
      }
    }
  }
  return keys;
}

/** Every action the services write to the audit log, directly or through the pending file. */
function actionsInServices(): Set<string> {
  const actions = new Set<string>();
  const files = ['electron', 'db'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(dir, name)),
  );
  for (const file of files) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const calls = /(?:appendAudit\(\s*\w+,\s*|\baudit\(\s*|\baction:\s*)'([a-z]+\.[a-z-]+)'/g;
    for (const match of source.matchAll(calls)) if (match[1]) actions.add(match[1]);
  }
  return actions;
}

describe('audit actions in the coach’s words', () => {
  it('labels every action the services write, in both languages (never "Andere gebeurtenis")', async () => {
    const actions = actionsInServices();
    expect([...actions]).toEqual(
      expect.arrayContaining(['vault.unlocked', 'backup.restored', 'backup.restore-confirmed']),
    );
    for (const language of ['nl', 'en'] as const) {
      const t = await translator(language);
      const unlabelled = [...actions].filter(
        (action) => !t(`audit.actions.${action}`, { defaultValue: '' }),
      );
      expect(unlabelled, language).toEqual([]);
    }
  });

  it('names the day of the backup a restore put back in the action itself', async () => {
    const t = await translator('nl');
    const details = { madeAt: '2026-04-12T15:09:00.000Z' };
    expect(t('audit.actions.backup.restored', auditActionValues(details, format))).toBe(
      'Back-up teruggezet (van dag 2026-04-12)',
    );
    expect(auditDetailParts(details, t, format)).toEqual({ plain: [], technical: [] });
  });
});

describe('audit details in the coach’s words', () => {
  it('an emergency kit: Dutch labels, and its identifier under Technische details', async () => {
    const t = await translator('nl');
    const parts = auditDetailParts({ kitId: 'PRF0TWT8', threshold: 2, shares: 3 }, t, format);
    expect(parts.plain).toEqual(['nodig om te openen: 2', 'delen: 3']);
    expect(parts.technical).toEqual(['kitId: PRF0TWT8']);
    expect(t('audit.technical')).toBe('Technische details');
  });

  it('a lock written after a full disk, and an access copy, in English', async () => {
    const t = await translator('en');
    expect(auditDetailParts({ reason: 'idle', deferred: true }, t, format).plain).toEqual([
      'reason: inactivity',
      'recorded later (the disk was full): yes',
    ]);
    const copy = auditDetailParts(
      { kind: 'access', reason: 'access-request', bytes: 20480, reflections: false },
      t,
      format,
    );
    expect(copy.plain).toEqual([
      'kind: access',
      'reason: access request',
      'size: 20 kB',
      "with the coach's reflections: no",
    ]);
  });

  it('never shows an unknown key or word in the line', async () => {
    const t = await translator('nl');
    const parts = auditDetailParts({ somethingNew: 4, reason: 'UNHEARD_OF' }, t, format);
    expect(parts.plain).toEqual([]);
    expect(parts.technical).toEqual(['somethingNew: 4', 'reason: UNHEARD_OF']);
  });

  it('knows every detail the services record, with a label in both languages', async () => {
    const written = detailKeysInServices();
    // The scan reads real calls: these are written today.
    expect([...written.keys()]).toEqual(
      expect.arrayContaining(['reason', 'threshold', 'kitId', 'clients', 'method']),
    );
    const unknown = [...written].filter(([key]) => !(key in AUDIT_DETAIL_KINDS));
    expect(unknown).toEqual([]);
    for (const language of ['nl', 'en'] as const) {
      const t = await translator(language);
      const unlabelled = Object.entries(AUDIT_DETAIL_KINDS)
        .filter(([, kind]) => kind !== 'technical' && kind !== 'action')
        .filter(([key]) => !t(`audit.detail.${key}`, { defaultValue: '' }))
        .map(([key]) => `${language}: ${key}`);
      expect(unlabelled).toEqual([]);
    }
  });
});
