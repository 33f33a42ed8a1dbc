import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault } from '../../db/vault';
import { readWithSqlcipher } from '../support/sqlcipher';
import { dataKeyOf, FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

afterEach(removeTempDirs);

const SECRETS = [
  'Annemieke Oosterhuis-Vlaskamp',
  'suïcidale gedachten sinds de scheiding',
  'BSN 123456782',
];

function encodings(text: string): Buffer[] {
  const utf16be = Buffer.from(text, 'utf16le');
  utf16be.swap16();
  return [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), utf16be];
}

function filesContaining(dir: string, text: string): string[] {
  return readdirSync(dir).filter((name) => {
    const bytes = readFileSync(join(dir, name));
    return encodings(text).some((needle) => bytes.includes(needle));
  });
}

describe('vault file format', () => {
  it('has a plaintext search that does find text stored in any of the three encodings', () => {
    const dir = tempDir();
    const [utf8, utf16le, utf16be] = encodings('Annemieke');
    writeFileSync(join(dir, 'a'), Buffer.concat([Buffer.from([1, 2]), utf8 ?? Buffer.alloc(0)]));
    writeFileSync(join(dir, 'b'), Buffer.concat([Buffer.from([3]), utf16le ?? Buffer.alloc(0)]));
    writeFileSync(join(dir, 'c'), Buffer.concat([Buffer.from([4]), utf16be ?? Buffer.alloc(0)]));
    writeFileSync(join(dir, 'd'), 'Annemiek');
    expect(filesContaining(dir, 'Annemieke')).toEqual(['a', 'b', 'c']);
  });

  it('keeps no plaintext in any file of the vault folder, open or locked', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.db.exec('CREATE TABLE notes (body TEXT, body16 BLOB)');
    const insert = vault.db.prepare('INSERT INTO notes VALUES (?, ?)');
    for (const secret of SECRETS) insert.run(secret, Buffer.from(secret, 'utf16le'));
    // Open: the rows sit in the WAL.
    expect(readdirSync(dir)).toContain('vault.db-wal');
    for (const secret of SECRETS) expect(filesContaining(dir, secret)).toEqual([]);
    vault.lock();
    for (const secret of SECRETS) expect(filesContaining(dir, secret)).toEqual([]);
  });

  it('opens in the official SQLCipher 4 library with the raw data key, and not without it', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('sessie één');");
    vault.lock();
    const path = join(dir, 'vault.db');
    const key = await dataKeyOf(dir, PASSPHRASE);

    const version = await readWithSqlcipher(path, key.toString('hex'), 'PRAGMA cipher_version');
    expect(JSON.stringify(version)).toMatch(/"4\.\d+/);
    await expect(
      readWithSqlcipher(path, key.toString('hex'), 'SELECT body FROM notes'),
    ).resolves.toEqual([{ body: 'sessie één' }]);
    const integrity = await readWithSqlcipher(
      path,
      key.toString('hex'),
      'PRAGMA cipher_integrity_check',
    );
    expect(integrity).toEqual([]);

    const wrongKey = Buffer.from(key);
    wrongKey[0] = (wrongKey[0] ?? 0) ^ 1;
    await expect(
      readWithSqlcipher(path, wrongKey.toString('hex'), 'SELECT body FROM notes'),
    ).rejects.toThrow(/not a database/);
  });
});
