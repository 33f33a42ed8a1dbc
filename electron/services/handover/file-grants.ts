import { randomBytes } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { HandoverError } from './errors';

/**
 * Paths chosen by the coach in a native dialog, handed to the renderer only as opaque
 * tokens. The Electron shell shows the save / open / folder dialog, calls `grantPath`
 * with what the coach picked, and gives the page the token; the page passes the token
 * to `handover.export`, `handover.inspect`, `continuity.setBundleFolder` or the backup
 * folder methods (`backups.setFolder`, `backups.find`, `backups.restore`). So the
 * renderer never supplies a filesystem path and cannot name one it was not given, and a
 * token opens one path, for one purpose, once, for ten minutes.
 */

export type GrantPurpose = 'save-bundle' | 'open-bundle' | 'bundle-folder' | 'backup-folder';

interface Grant {
  path: string;
  purpose: GrantPurpose;
  expires: number;
}

const TTL_MS = 10 * 60 * 1000;
const grants = new Map<string, Grant>();

export function grantPath(path: string, purpose: GrantPurpose, now: number = Date.now()): string {
  if (!isAbsolute(path)) throw new Error('A granted path must be absolute.');
  for (const [token, grant] of grants) if (grant.expires < now) grants.delete(token);
  const token = randomBytes(18).toString('base64url');
  grants.set(token, { path, purpose, expires: now + TTL_MS });
  return token;
}

/** The path behind a token, used up by this call. */
export function redeemPath(token: string, purpose: GrantPurpose, now: number = Date.now()): string {
  const grant = grants.get(token);
  grants.delete(token);
  if (!grant || grant.purpose !== purpose || grant.expires < now) {
    throw new HandoverError(
      'NOT_FOUND',
      'The chosen file is no longer available; choose it again.',
      {
        what: 'file-grant',
      },
    );
  }
  return grant.path;
}

export const FILE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;
