import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type FolderPathProblem,
  folderPathProblem,
} from '../../electron/services/backups/folder-path';

type Row = readonly [string, FolderPathProblem | null];

// One table per path flavour: the app runs on Windows, macOS and Linux alike.
const win32: Row[] = [
  ['D:\\Dossierkluis', null],
  ['C:/Users/coach/Back-ups', null],
  ['e:\\', null],
  ['\\\\nas\\kluis', 'network'],
  ['\\\\nas.example.nl\\share\\kluis', 'network'],
  ['//nas/kluis', 'network'],
  ['\\\\?\\C:\\Dossierkluis', 'device'],
  ['\\\\?\\UNC\\nas\\kluis', 'device'],
  ['\\\\.\\PhysicalDrive0', 'device'],
  ['//?/C:/Dossierkluis', 'device'],
  ['//./pipe/x', 'device'],
  ['Dossierkluis', 'relative'],
  ['.\\Dossierkluis', 'relative'],
  ['..\\Dossierkluis', 'relative'],
  ['D:Dossierkluis', 'relative'],
  ['\\Dossierkluis', 'relative'],
];

const posix: Row[] = [
  ['/media/usb/Dossierkluis', null],
  ['/home/coach/Back-ups', null],
  ['/', null],
  ['//nas/kluis', 'network'],
  ['\\\\nas\\kluis', 'network'],
  ['\\\\?\\C:\\Dossierkluis', 'device'],
  ['//./x', 'device'],
  ['Dossierkluis', 'relative'],
  ['./Dossierkluis', 'relative'],
  ['../Dossierkluis', 'relative'],
  ['~/Dossierkluis', 'relative'],
  ['D:\\Dossierkluis', 'relative'],
];

describe('backup folder paths', () => {
  it.each(win32)('win32 %s → %s', (folder, problem) => {
    expect(folderPathProblem(folder, path.win32)).toBe(problem);
  });
  it.each(posix)('posix %s → %s', (folder, problem) => {
    expect(folderPathProblem(folder, path.posix)).toBe(problem);
  });
});
