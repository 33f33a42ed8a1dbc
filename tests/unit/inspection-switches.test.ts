import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { start } from '../../electron/main';
import {
  FORBIDDEN_SWITCHES,
  forbiddenEnvironment,
  forbiddenSwitches,
  switchName,
} from '../../electron/shell/inspection-switches';
import { startupLanguage } from '../../electron/shell/startup-messages';
import { removeTempDirs } from '../support/vault-fixture';
import {
  FakeBrowserWindow,
  fake,
  launchShell,
  resetFake,
  withoutSignalHandlers,
} from './electron-fake';

vi.mock('electron', async () => (await import('./electron-fake')).electronModule());

/**
 * A packaged Dossierkluis refuses to start with a debugging or logging switch: no fuse
 * closes Chromium's remote debugging, and a debugger sees the unlocked vault.
 */

const silent = { error: vi.fn(), info: vi.fn() };
const exe = '/opt/Dossierkluis/dossierkluis';

afterAll(removeTempDirs);

describe('forbiddenSwitches(argv)', () => {
  it('finds each switch of the list, in every spelling Chromium and Node accept', () => {
    for (const name of FORBIDDEN_SWITCHES) {
      for (const argument of [
        `--${name}`,
        `--${name}=9222`,
        `-${name}`,
        `--${name.toUpperCase()}`,
      ]) {
        expect(forbiddenSwitches([exe, argument], 'linux'), argument).toEqual([name]);
      }
      expect(forbiddenSwitches([exe, `/${name}=1`], 'win32')).toEqual([name]);
    }
    expect(forbiddenSwitches([exe, '--inspect_brk=0'], 'linux')).toEqual(['inspect-brk']);
  });

  it('covers the remote debugging, inspector and logging switches', () => {
    expect(FORBIDDEN_SWITCHES).toEqual(
      expect.arrayContaining([
        'remote-debugging-port',
        'remote-debugging-pipe',
        'remote-debugging-address',
        'remote-allow-origins',
        'inspect',
        'inspect-brk',
        'inspect-port',
        'js-flags',
        'enable-logging',
        'log-file',
      ]),
    );
  });

  it('reads every argument, also after a bare --, and names each switch once', () => {
    expect(
      forbiddenSwitches(
        [exe, '--', '--remote-debugging-port=1', '--inspect', '--remote-debugging-port=2'],
        'linux',
      ),
    ).toEqual(['remote-debugging-port', 'inspect']);
  });

  it('lets ordinary starts through', () => {
    for (const argv of [
      [exe],
      [exe, '--no-sandbox'],
      [exe, '--lang=nl', '--force-device-scale-factor=2'],
      [exe, '/remote-debugging-port'],
      [exe, '--remote-debugging', '--inspector', '--verbose', '--', '-'],
      [exe, 'C:\\Program Files\\Dossierkluis\\a.txt'],
    ]) {
      expect(forbiddenSwitches(argv, 'linux'), argv.join(' ')).toEqual([]);
    }
  });

  it('reads a switch name as Chromium does', () => {
    expect(switchName('--v=1', 'linux')).toBe('v');
    expect(switchName('/V=1', 'win32')).toBe('v');
    expect(switchName('/V=1', 'darwin')).toBeNull();
    expect(switchName('--=x', 'linux')).toBeNull();
    expect(switchName('plain', 'linux')).toBeNull();
  });
});

describe('main.ts refuses inspection switches in a packaged build', () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
  });

  function startPackaged(options: { argv?: string[]; switches?: string[]; languages?: string[] }) {
    resetFake();
    fake.app.isPackaged = true;
    fake.app.switches = options.switches ?? [];
    fake.app.systemLanguages = options.languages ?? ['nl-NL'];
    process.argv = options.argv ?? [exe];
    return withoutSignalHandlers(() => start(silent));
  }

  it('stops with exit code 1 and a dialog, before the sandbox, the lock or a window', async () => {
    expect(startPackaged({ argv: [exe, '--remote-debugging-port=9222'] })).toBeNull();
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.title).toBe('Dossierkluis kan niet starten');
    expect(fake.errorBoxes[0]?.content).toContain('--remote-debugging-port');
    expect(fake.app.enableSandbox).not.toHaveBeenCalled();
    expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('also stops on ELECTRON_ENABLE_LOGGING, which Electron reads as --enable-logging', () => {
    process.env.ELECTRON_ENABLE_LOGGING = '1';
    try {
      expect(startPackaged({})).toBeNull();
    } finally {
      delete process.env.ELECTRON_ENABLE_LOGGING;
    }
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.errorBoxes[0]?.content).toContain('ELECTRON_ENABLE_LOGGING');
    expect(forbiddenEnvironment({ ELECTRON_ENABLE_LOGGING: '' })).toEqual([
      'ELECTRON_ENABLE_LOGGING',
    ]);
    expect(forbiddenEnvironment({ PATH: '/usr/bin' })).toEqual([]);
  });

  it("also stops on a switch only Chromium's own parse reports", () => {
    expect(startPackaged({ switches: ['remote-debugging-pipe'], languages: ['en-GB'] })).toBeNull();
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.errorBoxes[0]?.title).toBe('Dossierkluis cannot start');
    expect(fake.errorBoxes[0]?.content).toContain('--remote-debugging-pipe');
  });

  it('starts normally without such switches, and in development with them', async () => {
    resetFake();
    const packaged = await launchShell(start, silent, { isPackaged: true });
    expect(packaged.window).toBeDefined();
    expect(fake.app.exit).not.toHaveBeenCalled();

    process.argv = [exe, '--inspect', '--remote-debugging-port=9222'];
    const dev = await launchShell(start, silent, { isPackaged: false });
    expect(dev.window).toBeDefined();
    expect(fake.app.exit).not.toHaveBeenCalled();
  });
});

describe('startupLanguage', () => {
  it('takes the first system language the app speaks, Dutch otherwise', () => {
    expect(startupLanguage(['en-US', 'nl-NL'])).toBe('en');
    expect(startupLanguage(['de-DE', 'nl_BE'])).toBe('nl');
    expect(startupLanguage(['fr'])).toBe('nl');
    expect(startupLanguage([])).toBe('nl');
  });
});
