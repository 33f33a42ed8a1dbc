import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../../db/atomic-file';

/**
 * Unencrypted files on their way out of the vault (an access export the coach chose not
 * to encrypt, a download the browser engine is still writing as `<name>.crdownload`)
 * exist half-written for a moment in the folder the coach chose. A crash or power cut
 * then leaves plaintext nobody meant to keep. Each such write is noted here before it
 * starts and struck off when it ends; at the next start the app removes whatever is
 * still noted.
 *
 * A note holds the folder and a SHA-256 of the file's name, not the name itself: a
 * name the coach typed may hold a client's name, and this file sits beside the vault
 * unencrypted (it must be readable before any unlock). Only a file whose name matches
 * a note is ever removed, so nothing else in the coach's folder is touched.
 */

export const PLAINTEXT_JOURNAL = 'vault.plaintext-writes.json';

const journalSchema = z.array(
  z.object({ dir: z.string().min(1), name: z.string().regex(/^[0-9a-f]{64}$/) }),
);
type Note = z.infer<typeof journalSchema>[number];

/**
 * What a cut-off plaintext write leaves: the browser engine's `<name>.crdownload`, or the
 * engine's own `.<name>.<12 hex>.tmp` (age-io.ts). The sweep removes nothing else, so a
 * journal someone edited cannot make the app delete a file of the coach's choosing.
 */
const LEFTOVER_NAME = /(\.crdownload|^\..+\.[0-9a-f]{12}\.tmp)$/;

function nameHash(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

function readNotes(vaultDir: string): Note[] {
  const path = join(vaultDir, PLAINTEXT_JOURNAL);
  if (!existsSync(path)) return [];
  try {
    return journalSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return [];
  }
}

function writeNotes(vaultDir: string, notes: readonly Note[]): void {
  const path = join(vaultDir, PLAINTEXT_JOURNAL);
  if (notes.length === 0) {
    rmSync(path, { force: true });
    return;
  }
  writeFileAtomic(path, `${JSON.stringify(notes)}\n`);
}

/** Notes a plaintext write to `path` before it starts; call the result when it has ended. */
export function notePlaintextWrite(vaultDir: string, path: string): () => void {
  if (!isAbsolute(path) || !existsSync(vaultDir)) return () => undefined;
  const note: Note = { dir: dirname(path), name: nameHash(basename(path)) };
  writeNotes(vaultDir, [...readNotes(vaultDir), note]);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    const notes = readNotes(vaultDir);
    const index = notes.findIndex((n) => n.dir === note.dir && n.name === note.name);
    if (index >= 0) notes.splice(index, 1);
    writeNotes(vaultDir, notes);
  };
}

/**
 * Removes the leftovers of writes a crash cut off, then forgets them. Runs at start,
 * before any new write; a folder that is gone (a disk not connected) keeps its note
 * for the next start. Returns how many files were removed.
 */
export function sweepPlaintextLeftovers(vaultDir: string): number {
  const notes = readNotes(vaultDir);
  if (notes.length === 0) return 0;
  let removed = 0;
  const keep: Note[] = [];
  for (const note of notes) {
    let names: string[];
    try {
      names = readdirSync(note.dir);
    } catch {
      keep.push(note);
      continue;
    }
    let left = false;
    for (const name of names) {
      if (!LEFTOVER_NAME.test(name) || nameHash(name) !== note.name) continue;
      try {
        rmSync(join(note.dir, name), { force: true });
        removed += 1;
      } catch {
        // A folder where a file was expected, or a file Windows keeps open: the app must
        // start all the same, and the note stays for the next start.
        left = true;
      }
    }
    if (left) keep.push(note);
  }
  writeNotes(vaultDir, keep);
  return removed;
}
