import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isDiskFull } from '../../db/errors';

const sqlite = (code: string) => Object.assign(new Error('disk I/O error'), { code });

describe('isDiskFull', () => {
  it.each(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT'])(
    'knows %s as a full disk',
    (code) => {
      expect(isDiskFull(sqlite(code))).toBe(true);
    },
  );

  it('finds a full disk wrapped as the cause of another error', () => {
    const wrapped = new Error('the export failed', { cause: sqlite('ENOSPC') });
    expect(isDiskFull(new Error('outer', { cause: wrapped }))).toBe(true);
  });

  it('does not call every failure a full disk', () => {
    for (const error of [
      sqlite('SQLITE_BUSY'),
      sqlite('SQLITE_CORRUPT'),
      new Error('x'),
      null,
      'ENOSPC',
    ]) {
      expect(isDiskFull(error)).toBe(false);
    }
  });

  it('counts a SQLite write error without a reason only when the vault disk is nearly full', () => {
    // The temp folder has room: the write failed for another reason.
    expect(isDiskFull(sqlite('SQLITE_IOERR_WRITE'), tmpdir())).toBe(false);
    expect(isDiskFull(sqlite('SQLITE_IOERR_WRITE'))).toBe(false);
  });
});
