import { randomUUID } from 'node:crypto';
import { Encrypter, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ageHeaderLength } from '../../electron/services/handover/age-io';
import { checkEntryName } from '../../electron/services/handover/bundle-reader';
import { entryRole } from '../../electron/services/handover/bundle-schema';
import { dutchDay } from '../../electron/services/handover/dossier-pdf';
import { bundleFileName } from '../../electron/services/handover/dossier-read';
import { isHandoverError } from '../../electron/services/handover/errors';
import { grantPath, redeemPath } from '../../electron/services/handover/file-grants';
import {
  identityFromSecret,
  identitySecret,
  newX25519KeyPair,
  parseRecipient,
  recipientFileText,
} from '../../electron/services/handover/keys';
import { toWinAnsi } from '../../electron/services/handover/pdf-text';

function reason(name: string): string | undefined {
  try {
    checkEntryName(Buffer.from(name, 'utf8'), 0);
    return undefined;
  } catch (error) {
    return isHandoverError(error, 'BUNDLE_UNSAFE') ? String(error.detail.reason) : 'other';
  }
}

describe('zip entry names', () => {
  it('refuses every way out of the target folder', () => {
    expect(reason('../evil')).toBe('parent-path');
    expect(reason('clients/../../evil')).toBe('parent-path');
    expect(reason('/etc/passwd')).toBe('absolute-path');
    expect(reason('C:/Windows/evil')).toBe('absolute-path');
    expect(reason('c:evil')).toBe('absolute-path');
    expect(reason('clients\\evil')).toBe('backslash');
    expect(reason('clients/a\u0000b')).toBe('control-character');
    expect(reason('clients//x')).toBe('empty-segment');
    expect(reason('clients/./x')).toBe('empty-segment');
    expect(reason('clients/')).toBe('directory');
    expect(reason(`clients/${'x'.repeat(500)}`)).toBe('long-name');
    expect(() => checkEntryName(Buffer.from([0x63, 0xff, 0xfe]), 3)).toThrow(
      expect.objectContaining({ code: 'BUNDLE_UNSAFE', detail: { reason: 'encoding', entry: 3 } }),
    );
    expect(reason('clients/1/attachments/één café.pdf')).toBeUndefined();
  });

  it('knows the layout, and nothing else', () => {
    const client = randomUUID();
    const attachment = randomUUID();
    expect(entryRole('manifest.json')).toEqual({ kind: 'manifest' });
    expect(entryRole('LEESMIJ.txt')).toEqual({ kind: 'readme' });
    expect(entryRole('bewaartermijnen.txt')).toEqual({ kind: 'retention' });
    expect(entryRole(`clients/${client}/dossier.json`)).toEqual({
      kind: 'dossier-json',
      clientId: client,
    });
    expect(entryRole(`clients/${client}/dossier.pdf`)).toEqual({
      kind: 'dossier-pdf',
      clientId: client,
    });
    expect(entryRole(`clients/${client}/kennisgeving.txt`)).toEqual({
      kind: 'letter',
      clientId: client,
    });
    expect(entryRole(`clients/${client}/attachments/${attachment}-scan intake.pdf`)).toEqual({
      kind: 'attachment',
      clientId: client,
      attachmentId: attachment,
    });
    for (const name of [
      'clients/x/dossier.json',
      `clients/${client}/other.json`,
      `clients/${client}/attachments/scan.pdf`,
      `clients/${client}/attachments/${attachment}-a/b.pdf`,
      'manifest.json.bak',
      'extra/manifest.json',
    ]) {
      expect(entryRole(name), name).toBeNull();
    }
  });

  it('makes attachment names safe for any file system', () => {
    expect(bundleFileName('../../etc/passwd')).toBe('passwd');
    expect(bundleFileName('a\\b\\c.txt')).toBe('c.txt');
    expect(bundleFileName('rapport. ')).toBe('rapport');
    expect(bundleFileName('..')).toBe('bestand');
    expect(bundleFileName('vraag?<>.txt')).toBe('vraag___.txt');
  });
});

describe('age keys', () => {
  it('makes X25519 key pairs that age-encryption agrees with', async () => {
    for (let i = 0; i < 5; i += 1) {
      const pair = newX25519KeyPair();
      expect(pair.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
      expect(await identityToRecipient(pair.identity)).toBe(pair.recipient);
      expect(identityFromSecret(identitySecret(pair.identity))).toBe(pair.identity);
    }
  });

  it('reads a recipient from the key file a successor hands over, and refuses a bad one', () => {
    const pair = newX25519KeyPair();
    const file = recipientFileText(
      { recipient: pair.recipient, createdAt: '2026-11-23T09:00:00Z' },
      'Praktijk',
    );
    expect(parseRecipient(file)).toBe(pair.recipient);
    expect(parseRecipient(`  ${pair.recipient.toUpperCase()}  `)).toBe(pair.recipient);
    const broken = pair.recipient.slice(0, -1) + (pair.recipient.endsWith('q') ? 'p' : 'q');
    expect(() => parseRecipient(broken)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => parseRecipient('no key here')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('finds where an age header ends', async () => {
    const encrypter = new Encrypter();
    encrypter.addRecipient(newX25519KeyPair().recipient);
    const file = Buffer.from(await encrypter.encrypt('hallo'));
    const length = ageHeaderLength(file);
    expect(length).not.toBeNull();
    expect(file.subarray(0, length ?? 0).toString('latin1')).toMatch(/\n--- [A-Za-z0-9+/]+\n$/);
    expect(ageHeaderLength(Buffer.from('PK\u0003\u0004'))).toBeNull();
  });
});

describe('PDF text', () => {
  it('keeps Dutch (WinAnsi) and folds what a standard font cannot show', () => {
    expect(toWinAnsi('Zoë, Anaïs, café, € 95 — “goed”')).toBe('Zoë, Anaïs, café, € 95 — “goed”');
    expect(toWinAnsi('Şükrü Łukasz Ğ İ ı')).toBe('Sükrü Lukasz G I i');
    expect(toWinAnsi('emoji 😀 and 中文')).toBe('emoji ? and ??');
    expect(toWinAnsi('a\r\nb\tc')).toBe('a\nb    c');
  });

  it('writes dates the Dutch way', () => {
    expect(dutchDay('2026-03-12')).toBe('12 maart 2026');
    expect(dutchDay(null)).toBe('–');
  });
});

describe('file grants', () => {
  it('gives one path, for one purpose, once, for a limited time', () => {
    const token = grantPath('/tmp/bundel.age', 'save-bundle');
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(() => redeemPath(token, 'open-bundle')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const again = grantPath('/tmp/bundel.age', 'save-bundle');
    expect(redeemPath(again, 'save-bundle')).toBe('/tmp/bundel.age');
    expect(() => redeemPath(again, 'save-bundle')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const old = grantPath('/tmp/x', 'bundle-folder', 0);
    expect(() => redeemPath(old, 'bundle-folder', 11 * 60 * 1000)).toThrow();
    expect(() => grantPath('relative/path', 'save-bundle')).toThrow();
  });
});
