import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearPendingAudit,
  keepPendingAudit,
  PENDING_AUDIT_BYTES,
  PENDING_AUDIT_FILE,
  readPendingAudit,
  reservePendingAudit,
} from '../../db/pending-audit';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

afterEach(removeTempDirs);

const entry = (minute: number) => ({
  at: `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`,
  action: 'vault.locked',
  details: { reason: 'idle', deferred: true },
});

describe('the pending audit file', () => {
  it('is reserved at its full size, and keeping an entry does not grow it', () => {
    const dir = tempDir();
    reservePendingAudit(dir, 'vault-a');
    const path = join(dir, PENDING_AUDIT_FILE);
    expect(statSync(path).size).toBe(PENDING_AUDIT_BYTES);
    expect(readPendingAudit(dir, 'vault-a')).toEqual([]);
    keepPendingAudit(dir, 'vault-a', entry(1));
    keepPendingAudit(dir, 'vault-a', entry(2));
    expect(statSync(path).size).toBe(PENDING_AUDIT_BYTES);
    expect(readPendingAudit(dir, 'vault-a')).toEqual([entry(1), entry(2)]);
    // A new reservation keeps what waits.
    reservePendingAudit(dir, 'vault-a');
    expect(readPendingAudit(dir, 'vault-a')).toHaveLength(2);
    clearPendingAudit(dir);
    expect(readPendingAudit(dir, 'vault-a')).toEqual([]);
    expect(statSync(path).size).toBe(PENDING_AUDIT_BYTES);
  });

  it('keeps the newest entries when the reserved room would overflow', () => {
    const dir = tempDir();
    reservePendingAudit(dir, 'vault-a');
    for (let minute = 0; minute < 60; minute += 1) keepPendingAudit(dir, 'vault-a', entry(minute));
    const kept = readPendingAudit(dir, 'vault-a');
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(60);
    expect(kept.at(-1)).toEqual(entry(59));
    expect(statSync(join(dir, PENDING_AUDIT_FILE)).size).toBe(PENDING_AUDIT_BYTES);
  });

  it('ignores entries of another vault and anything that is not its own format', () => {
    const dir = tempDir();
    keepPendingAudit(dir, 'vault-a', entry(1));
    expect(readPendingAudit(dir, 'vault-b')).toEqual([]);
    const path = join(dir, PENDING_AUDIT_FILE);
    writeFileSync(
      path,
      '{"format":"dossierkluis-pending-audit","vaultId":"vault-a","entries":[{"at":"x"}]}',
    );
    expect(readPendingAudit(dir, 'vault-a')).toEqual([]);
    writeFileSync(path, 'not json');
    expect(readPendingAudit(dir, 'vault-a')).toEqual([]);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  });
});
