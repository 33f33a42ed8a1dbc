import { migration010VaultMeta } from './010-vault-meta';
import { migration020Settings } from './020-settings';
import { migration030Dossiers } from './030-dossiers';
import { migration040Supervision } from './040-supervision';
import { migration060Continuity } from './060-continuity';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every schema change, oldest first. Append only; never edit a released migration. */
export const migrations: readonly Migration[] = [
  migration010VaultMeta,
  migration020Settings,
  migration030Dossiers,
  migration040Supervision,
  migration060Continuity,
];
