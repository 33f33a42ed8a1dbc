import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, verifyAuditChain } from '../../db/audit';
import type { SqliteDatabase } from '../../db/connection';
import { createVault, type Vault } from '../../db/vault';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

let vault: Vault;
let db: SqliteDatabase;

beforeEach(async () => {
  vault = (await createVault(tempDir(), PASSPHRASE, FAST)).vault;
  db = vault.db;
  for (let i = 1; i <= 5; i += 1) appendAudit(db, 'dossier.exported', `Merel-${i}`, { clients: i });
});

afterEach(() => {
  vault.lock();
  removeTempDirs();
});

/** What an attacker holding the key does: remove the guards, then rewrite history. */
function tamper(sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare(sql).run(...params);
}

describe('audit chain', () => {
  it('verifies an untouched chain, the creation entry included', () => {
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 6 });
    const latest = listAudit(db, { limit: 2 });
    expect(latest.map((e) => [e.seq, e.action, e.subject, e.details])).toEqual([
      [6, 'dossier.exported', 'Merel-5', { clients: 5 }],
      [5, 'dossier.exported', 'Merel-4', { clients: 4 }],
    ]);
  });

  it('refuses updates and deletes through SQL', () => {
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 6 });
  });

  it.each([1, 3, 6])('names row %i when its content is edited', (seq) => {
    tamper("UPDATE audit_log SET subject = 'iemand anders' WHERE seq = ?", seq);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seq, reason: 'hash' });
  });

  it('names the row whose recomputed hash no longer links to the next', () => {
    // A careful forger fixes the row's own hash; the next row's link still points at the old one.
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<
      string,
      unknown
    >;
    tamper('UPDATE audit_log SET details = \'{"clients":99}\' WHERE seq = 3');
    const hash = createHash('sha256')
      .update(JSON.stringify([3, row.at, row.action, row.subject, '{"clients":99}', row.prev_hash]))
      .digest('hex');
    db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(hash);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 4, reason: 'link' });
  });

  it.each([1, 2, 4])('names row %i when it is deleted', (seq) => {
    tamper('DELETE FROM audit_log WHERE seq = ?', seq);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: seq });
  });

  it('notices a cut-off tail', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 5');
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 5, reason: 'head' });
  });

  it('keeps working after a verified append', () => {
    appendAudit(db, 'vault.locked');
    expect(verifyAuditChain(db)).toEqual({ ok: true, count: 7 });
  });
});
