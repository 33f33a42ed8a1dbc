import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../electron/api';
import { isTrustedSender, type TrustedSenderEvent } from '../../electron/ipc';
import { start } from '../../electron/main';
import { redeemPath } from '../../electron/services/handover/file-grants';
import { isKluisFailure } from '../../electron/shell/bridge';
import { PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';
import { FakeWebContents, fake, type LaunchedShell, launchShell } from './electron-fake';

vi.mock('electron', async () => (await import('./electron-fake')).electronModule());

/**
 * The IPC binding: only our window's main frame on app://kluis/ is answered, every method
 * of the contract is reachable from window.kluis through it, and the shell's own events
 * (power, menu, idle, quit) lock the vault and tell the page.
 */

const silent = { error: vi.fn(), info: vi.fn() };
type Handler = (event: TrustedSenderEvent, method: unknown, input: unknown) => Promise<unknown>;

function trusted(contents: FakeWebContents): TrustedSenderEvent {
  return { sender: contents, senderFrame: contents.mainFrame } as unknown as TrustedSenderEvent;
}
function asContents(contents: FakeWebContents): WebContents {
  return contents as unknown as WebContents;
}
function callHandler(): Handler {
  const handler = fake.ipcHandlers.get('kluis:call');
  if (!handler) throw new Error('kluis:call is not bound');
  return handler as Handler;
}
function lockedEvents(contents: FakeWebContents): unknown[] {
  return contents.sent
    .filter((sent) => sent.channel === 'kluis:event')
    .map((sent) => sent.payload)
    .filter((payload) => (payload as { type: string }).type === 'locked');
}
async function status(shell: LaunchedShell): Promise<string> {
  const result = (await callHandler()(trusted(shell.contents), 'vault.status', {})) as {
    value: { state: string };
  };
  return result.value.state;
}

afterAll(removeTempDirs);

describe('isTrustedSender', () => {
  it('accepts the main frame of our window on app://kluis/', () => {
    const ours = new FakeWebContents();
    expect(isTrustedSender(trusted(ours), asContents(ours))).toBe(true);
  });

  it('refuses another webContents', () => {
    const ours = new FakeWebContents();
    const other = new FakeWebContents();
    expect(isTrustedSender(trusted(other), asContents(ours))).toBe(false);
  });

  it('refuses a subframe of our window', () => {
    const ours = new FakeWebContents();
    const sub = { ...ours.mainFrame, routingId: 999, parent: ours.mainFrame };
    expect(isTrustedSender({ sender: ours, senderFrame: sub } as never, asContents(ours))).toBe(
      false,
    );
    const sameIdsButChild = { ...ours.mainFrame, parent: ours.mainFrame };
    expect(
      isTrustedSender({ sender: ours, senderFrame: sameIdsButChild } as never, asContents(ours)),
    ).toBe(false);
  });

  it('refuses a top-level frame of our window that is not its current main frame', () => {
    // E.g. a prerendered page or one kept in the back/forward cache: no parent, same URL.
    const ours = new FakeWebContents();
    const stale = { ...ours.mainFrame, routingId: ours.mainFrame.routingId + 100 };
    expect(isTrustedSender({ sender: ours, senderFrame: stale } as never, asContents(ours))).toBe(
      false,
    );
    const otherProcess = { ...ours.mainFrame, processId: ours.mainFrame.processId + 1 };
    expect(
      isTrustedSender({ sender: ours, senderFrame: otherProcess } as never, asContents(ours)),
    ).toBe(false);
  });

  it('refuses our main frame once it shows anything but app://kluis/', () => {
    for (const url of [
      'https://example.org/',
      'file:///index.html',
      'app://kluis.example.org/',
      'app://other/index.html',
      'about:blank',
      'devtools://devtools/',
    ]) {
      const ours = new FakeWebContents();
      ours.mainFrame.url = url;
      expect(isTrustedSender(trusted(ours), asContents(ours)), url).toBe(false);
    }
  });

  it('refuses without a frame, without a window, or when the window is gone', () => {
    const ours = new FakeWebContents();
    expect(isTrustedSender({ sender: ours, senderFrame: null } as never, asContents(ours))).toBe(
      false,
    );
    expect(isTrustedSender(trusted(ours), null)).toBe(false);
    ours.destroyed = true;
    expect(isTrustedSender(trusted(ours), asContents(ours))).toBe(false);
  });

  it('refuses when the frame was disposed during the call', () => {
    const ours = new FakeWebContents();
    const disposed = {
      get processId(): number {
        throw new Error('Render frame was disposed');
      },
    };
    expect(
      isTrustedSender({ sender: ours, senderFrame: disposed } as never, asContents(ours)),
    ).toBe(false);
  });
});

describe('the kluis:call channel', () => {
  let shell: LaunchedShell;
  beforeAll(async () => {
    shell = await launchShell(start, silent);
  });

  it('binds only the call channel and the file-chooser channel', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(['kluis:call', 'kluis:choose']);
  });

  it('answers the file chooser only for our page, only for known purposes', async () => {
    const choose = fake.ipcHandlers.get('kluis:choose');
    if (!choose) throw new Error('kluis:choose is not bound');
    const stranger = new FakeWebContents();
    await expect(choose(trusted(stranger), { purpose: 'bundle-folder' })).rejects.toThrow(
      'Refused',
    );
    await expect(choose(trusted(shell.contents), { purpose: '/etc/passwd' })).resolves.toBeNull();
    await expect(choose(trusted(shell.contents), 'bundle-folder')).resolves.toBeNull();
  });

  it('takes the backup folder from the native folder dialog, as a token only', async () => {
    const choose = fake.ipcHandlers.get('kluis:choose');
    if (!choose) throw new Error('kluis:choose is not bound');
    const folder = join(tempDir(), 'usb-stick');
    fake.dialog.answer = { canceled: false, filePaths: [folder] };
    const answer = (await choose(trusted(shell.contents), { purpose: 'backup-folder' })) as {
      token: string;
      name: string;
    };
    expect(fake.dialog.openCalls.at(-1)).toEqual({
      properties: ['openDirectory', 'createDirectory'],
    });
    expect(answer.name).toBe('usb-stick');
    expect(JSON.stringify(answer)).not.toContain(folder);
    // The token names the folder for backups only, once.
    expect(redeemPath(answer.token, 'backup-folder')).toBe(folder);
    expect(() => redeemPath(answer.token, 'backup-folder')).toThrow();

    fake.dialog.answer = { canceled: true, filePaths: [] };
    await expect(choose(trusted(shell.contents), { purpose: 'backup-folder' })).resolves.toBeNull();
  });

  it('refuses a typed backup folder: in the desktop app only the dialog names one', async () => {
    const handler = callHandler();
    const event = trusted(shell.contents);
    const folder = join(tempDir(), 'not-chosen');
    for (const [method, input] of [
      ['backups.setFolder', { path: folder }],
      ['backups.find', { path: folder }],
      ['backups.restore', { id: 'x', folder: { path: folder }, secret: { passphrase: 'p' } }],
    ] as const) {
      expect(await handler(event, method, input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses untrusted senders before the dispatcher sees the call', async () => {
    const stranger = new FakeWebContents();
    await expect(
      callHandler()(trusted(stranger), 'vault.create', { passphrase: PASSPHRASE }),
    ).rejects.toThrow('Refused');
    const sub = { ...shell.contents.mainFrame, routingId: 4242, parent: shell.contents.mainFrame };
    await expect(
      callHandler()({ sender: shell.contents, senderFrame: sub } as never, 'vault.create', {
        passphrase: PASSPHRASE,
      }),
    ).rejects.toThrow('Refused');
    expect(await status(shell)).toBe('none');
    expect(silent.info).toHaveBeenCalledWith('ipc.refused', { channel: 'kluis:call' });
  });

  it('answers a malformed payload with a typed error, not a crash', async () => {
    const handler = callHandler();
    const event = trusted(shell.contents);
    for (const method of [42, null, undefined, { m: 1 }, 'x'.repeat(101)]) {
      expect(await handler(event, method, {})).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect(await handler(event, 'vault.explode', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await handler(event, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(await handler(event, 'vault.status', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});

describe('window.kluis through preload and IPC', () => {
  let shell: LaunchedShell;
  let kluis: Record<string, Record<string, (input: unknown) => Promise<unknown>>>;

  beforeAll(async () => {
    shell = await launchShell(start, silent);
    fake.invoke.mockImplementation((channel, method, input) => {
      expect(channel).toBe('kluis:call');
      return callHandler()(trusted(shell.contents), method, input);
    });
    await import('../../electron/preload');
    kluis = fake.exposed.get('kluis') as typeof kluis;
  });

  it('offers exactly the methods of the contract', () => {
    const offered = Object.entries(kluis)
      // Beside the namespaces: events, chooseFile (a function) and platform (a string).
      .filter(([namespace, methods]) => namespace !== 'events' && typeof methods === 'object')
      .flatMap(([namespace, methods]) => Object.keys(methods).map((fn) => `${namespace}.${fn}`));
    expect(offered.sort()).toEqual([...methodNames].sort());
  });

  it('reaches the dispatcher for every method of the contract', async () => {
    await kluis.vault?.create?.({ passphrase: PASSPHRASE });
    for (const method of methodNames) {
      const [namespace = '', fn = ''] = method.split('.');
      const call = kluis[namespace]?.[fn];
      if (!call) throw new Error(`window.kluis.${method} is missing`);
      fake.invoke.mockClear();
      const failure = await call({}).then(
        () => null,
        (error: unknown) => error,
      );
      expect(fake.invoke, method).toHaveBeenCalledWith('kluis:call', method, {});
      if (failure !== null) {
        expect(isKluisFailure(failure), method).toBe(true);
        expect((failure as { code: string }).code, method).not.toBe('UNKNOWN_METHOD');
      }
    }
  });
});

describe('locking from the shell', () => {
  let shell: LaunchedShell;
  beforeAll(async () => {
    shell = await launchShell(start, silent);
    await callHandler()(trusted(shell.contents), 'vault.create', { passphrase: PASSPHRASE });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function unlock(): Promise<void> {
    if ((await status(shell)) === 'unlocked') return;
    const result = await callHandler()(trusted(shell.contents), 'vault.unlock', {
      passphrase: PASSPHRASE,
    });
    expect(result).toMatchObject({ ok: true });
  }
  function lastLock(): unknown {
    return lockedEvents(shell.contents).at(-1);
  }

  it('locks on screen lock and tells the page', async () => {
    await unlock();
    fake.power.emit('lock-screen');
    expect(await status(shell)).toBe('locked');
    expect(lastLock()).toEqual({ type: 'locked', reason: 'screen-locked' });
  });

  it('locks on suspend and tells the page', async () => {
    await unlock();
    fake.power.emit('suspend');
    expect(await status(shell)).toBe('locked');
    expect(lastLock()).toEqual({ type: 'locked', reason: 'suspend' });
  });

  it('locks from the menu (Bestand › Vergrendelen, Ctrl+L)', async () => {
    await unlock();
    const menu = fake.menus.at(-1) as { label: string; submenu: Record<string, unknown>[] }[];
    const lock = menu
      .find((item) => item.label === 'Bestand')
      ?.submenu.find((item) => item.label === 'Vergrendelen');
    expect(lock?.accelerator).toBe('CmdOrCtrl+L');
    (lock?.click as (() => void) | undefined)?.();
    expect(await status(shell)).toBe('locked');
    expect(lastLock()).toEqual({ type: 'locked', reason: 'user' });
  });

  it('forwards Help › Over Dossierkluis to the page', () => {
    const menu = fake.menus.at(-1) as { label: string; submenu: Record<string, unknown>[] }[];
    const about = menu
      .find((item) => item.label === 'Help')
      ?.submenu.find((item) => item.label === 'Over Dossierkluis');
    (about?.click as (() => void) | undefined)?.();
    expect(shell.contents.sent.at(-1)).toEqual({
      channel: 'kluis:event',
      payload: { type: 'menu', action: 'about' },
    });
  });

  it('switches the menu to the language in the settings', async () => {
    await unlock();
    await callHandler()(trusted(shell.contents), 'settings.update', { language: 'en' });
    const menu = fake.menus.at(-1) as { label: string }[];
    expect(menu.map((item) => item.label)).toContain('File');
    await callHandler()(trusted(shell.contents), 'settings.update', { language: 'nl' });
    expect((fake.menus.at(-1) as { label: string }[]).map((item) => item.label)).toContain(
      'Bestand',
    );
  });

  it('locks after the idle time from the settings; every IPC call resets it', async () => {
    await unlock();
    await callHandler()(trusted(shell.contents), 'settings.update', { idleLockMinutes: 2 });
    // Re-arm under fake timers, so the idle deadline runs on the fake clock.
    fake.power.emit('suspend');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await unlock();

    vi.advanceTimersByTime(60_000);
    expect(await status(shell)).toBe('unlocked'); // this call is activity at 1:00
    vi.advanceTimersByTime(119_000);
    expect(shell.started.idle.armed).toBe(true);
    expect(lockedEvents(shell.contents).at(-1)).toEqual({ type: 'locked', reason: 'suspend' });
    vi.advanceTimersByTime(1_000);
    expect(shell.started.idle.armed).toBe(false);
    expect(await status(shell)).toBe('locked');
    expect(lastLock()).toEqual({ type: 'locked', reason: 'idle' });
  });

  it('counts typing and pointing in the window as activity', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await unlock();
    const minutes = shell.started.idle.idleMinutes;
    vi.advanceTimersByTime(minutes * 60_000 - 1_000);
    shell.contents.emit('input-event', {}, { type: 'mouseWheel' });
    vi.advanceTimersByTime(2_000);
    expect(shell.started.idle.armed).toBe(true);
    vi.advanceTimersByTime(minutes * 60_000);
    expect(shell.started.idle.armed).toBe(false);
    expect(lastLock()).toEqual({ type: 'locked', reason: 'idle' });
  });

  it('holds the quit, locks, then quits for real', async () => {
    await unlock();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(shell.started.vault.state).toBe('locked');
    expect(lastLock()).toEqual({ type: 'locked', reason: 'quit' });
    // The second before-quit, from app.quit() itself, goes through.
    const second = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});
