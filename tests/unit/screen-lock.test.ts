import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SCREEN_LOCK_POLL_MS, start } from '../../electron/main';
import { removeTempDirs } from '../support/vault-fixture';
import { fake, launchShell } from './electron-fake';

vi.mock('electron', async () => (await import('./electron-fake')).electronModule());

/**
 * powerMonitor's 'lock-screen' fires on macOS and Windows only. On Linux the shell asks
 * getSystemIdleState, whose 'locked' some desktops report, while the vault is open.
 */

const silent = { error: vi.fn(), info: vi.fn() };
const realPlatform = process.platform;

function asPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

afterEach(() => {
  vi.useRealTimers();
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
});
afterAll(removeTempDirs);

async function launchOn(platform: NodeJS.Platform) {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  asPlatform(platform);
  const { started } = await launchShell(start, silent);
  const lock = vi.spyOn(started.vault, 'lock');
  started.idle.arm();
  return { idle: started.idle, lock };
}

describe('screen lock on Linux (electron/main.ts watchScreenLock)', () => {
  it('locks when the system reports the screen locked', async () => {
    const { idle, lock } = await launchOn('linux');
    vi.advanceTimersByTime(SCREEN_LOCK_POLL_MS);
    expect(lock).not.toHaveBeenCalled();
    fake.power.idleState = 'locked';
    vi.advanceTimersByTime(SCREEN_LOCK_POLL_MS);
    expect(lock).toHaveBeenCalledWith('screen-locked');
    expect(idle.armed).toBe(false);
  });

  it('asks nothing while the vault is closed', async () => {
    const { idle, lock } = await launchOn('linux');
    idle.disarm();
    const ask = vi.spyOn(fake.power, 'getSystemIdleState');
    fake.power.idleState = 'locked';
    vi.advanceTimersByTime(SCREEN_LOCK_POLL_MS * 2);
    expect(ask).not.toHaveBeenCalled();
    expect(lock).not.toHaveBeenCalled();
  });

  it("on macOS and Windows relies on 'lock-screen' and does not poll", async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { lock } = await launchOn(platform);
      const ask = vi.spyOn(fake.power, 'getSystemIdleState');
      fake.power.idleState = 'locked';
      vi.advanceTimersByTime(SCREEN_LOCK_POLL_MS * 2);
      expect(ask).not.toHaveBeenCalled();
      fake.power.emit('lock-screen');
      expect(lock).toHaveBeenCalledWith('screen-locked');
      vi.useRealTimers();
    }
  });

  it("locks on 'suspend', which Electron documents for Linux too", async () => {
    const { lock } = await launchOn('linux');
    fake.power.emit('suspend');
    expect(lock).toHaveBeenCalledWith('suspend');
  });
});
