import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../electron/dispatcher';
import { VaultSession } from '../../electron/services/vault-session';
import { type AutoLockReason, type IdleClock, IdleLock } from '../../electron/shell/idle-lock';
import { createSessionCalls } from '../../electron/shell/session-calls';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The auto-lock policy on a clock the test moves: idle time, activity, screen lock,
 * suspend, settings; and its wiring to the vault session that both transports share.
 */

const MINUTE = 60_000;

/** A clock whose timers run only when the test advances it. */
function manualClock(): IdleClock & { advance(ms: number): void; jump(ms: number): void } {
  let now = 1_700_000_000_000;
  let timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => now,
    schedule(callback, ms) {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => {
        timers = timers.filter((other) => other !== timer);
      };
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.callback();
      }
      now = end;
    },
    /** Time passes without any timer firing, as in a sleep the app never heard of. */
    jump(ms) {
      now += ms;
    },
  };
}

function policy(minutes?: number) {
  const clock = manualClock();
  const locks: AutoLockReason[] = [];
  const idle = new IdleLock(clock, (reason) => locks.push(reason), minutes);
  return { clock, locks, idle };
}

afterAll(removeTempDirs);

describe('IdleLock', () => {
  it('does nothing while no vault is open', () => {
    const { clock, locks, idle } = policy();
    clock.advance(60 * MINUTE);
    idle.activity();
    idle.screenLocked();
    idle.suspended();
    expect(idle.check()).toBe(false);
    expect(idle.msUntilLock).toBeNull();
    expect(locks).toEqual([]);
  });

  it('locks once, exactly when the idle time has passed', () => {
    const { clock, locks, idle } = policy(10);
    idle.arm();
    clock.advance(10 * MINUTE - 1);
    expect(locks).toEqual([]);
    clock.advance(1);
    expect(locks).toEqual(['idle']);
    expect(idle.armed).toBe(false);
    clock.advance(60 * MINUTE);
    expect(locks).toEqual(['idle']);
  });

  it('defaults to 10 minutes', () => {
    const { clock, locks, idle } = policy();
    expect(idle.idleMinutes).toBe(10);
    idle.arm();
    clock.advance(10 * MINUTE);
    expect(locks).toEqual(['idle']);
  });

  it('starts counting again at every activity', () => {
    const { clock, locks, idle } = policy(10);
    idle.arm();
    for (let i = 0; i < 5; i++) {
      clock.advance(9 * MINUTE);
      idle.activity();
    }
    expect(locks).toEqual([]);
    expect(idle.msUntilLock).toBe(10 * MINUTE);
    clock.advance(10 * MINUTE);
    expect(locks).toEqual(['idle']);
  });

  it('locks on screen lock and on suspend, whatever the idle time left', () => {
    const screen = policy(10);
    screen.idle.arm();
    screen.idle.screenLocked();
    expect(screen.locks).toEqual(['screen-locked']);
    screen.idle.screenLocked();
    expect(screen.locks).toEqual(['screen-locked']);

    const sleep = policy(10);
    sleep.idle.arm();
    sleep.clock.advance(MINUTE);
    sleep.idle.suspended();
    expect(sleep.locks).toEqual(['suspend']);
  });

  it('counts time asleep as idle even when no suspend event came', () => {
    const { clock, locks, idle } = policy(10);
    idle.arm();
    clock.jump(3 * 60 * MINUTE);
    expect(idle.check()).toBe(true);
    expect(locks).toEqual(['idle']);
  });

  it('takes a new idle time from the settings at once', () => {
    const { clock, locks, idle } = policy(10);
    idle.arm();
    clock.advance(2 * MINUTE);
    idle.setIdleMinutes(3);
    clock.advance(MINUTE - 1);
    expect(locks).toEqual([]);
    clock.advance(1);
    expect(locks).toEqual(['idle']);
  });

  it('keeps the idle time inside the settings range', () => {
    const { idle } = policy(10);
    idle.setIdleMinutes(0);
    expect(idle.idleMinutes).toBe(1);
    idle.setIdleMinutes(10_000);
    expect(idle.idleMinutes).toBe(240);
    idle.setIdleMinutes(Number.NaN);
    expect(idle.idleMinutes).toBe(10);
  });

  it('stops counting when the vault locks for another reason', () => {
    const { clock, locks, idle } = policy(10);
    idle.arm();
    idle.disarm();
    clock.advance(60 * MINUTE);
    idle.activity();
    expect(locks).toEqual([]);
  });

  it('keeps one timer, not one per activity', () => {
    const clock = manualClock();
    const schedule = vi.spyOn(clock, 'schedule');
    const idle = new IdleLock(clock, () => {});
    idle.arm();
    for (let i = 0; i < 1000; i++) idle.activity();
    expect(schedule).toHaveBeenCalledTimes(1);
  });
});

describe('session calls: the idle lock around the dispatcher', () => {
  async function setUp() {
    const session = new VaultSession(tempDir(), FAST);
    const dispatch = createDispatcher(session);
    const clock = manualClock();
    const idle = new IdleLock(clock, (reason) => session.lock(reason));
    const settings = vi.fn();
    const calls = createSessionCalls({ session, dispatch, idle, onSettings: settings });
    const locks: string[] = [];
    session.onLock((reason) => locks.push(reason));
    return { session, calls, clock, idle, settings, locks };
  }

  it('arms on create and unlock with the idle time from the settings', async () => {
    const { session, calls, clock, idle, settings, locks } = await setUp();
    await calls.call('vault.create', { passphrase: PASSPHRASE });
    expect(idle.armed).toBe(true);
    expect(settings).toHaveBeenCalledWith(expect.objectContaining({ idleLockMinutes: 10 }));
    await calls.call('settings.update', { idleLockMinutes: 5 });
    expect(idle.idleMinutes).toBe(5);
    clock.advance(5 * MINUTE);
    expect(session.state).toBe('locked');
    expect(locks).toEqual(['idle']);

    await calls.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(idle.armed).toBe(true);
    expect(idle.idleMinutes).toBe(5);
  });

  it('counts every call as activity, failed ones too', async () => {
    const { session, calls, clock } = await setUp();
    await calls.call('vault.create', { passphrase: PASSPHRASE });
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * MINUTE);
      await calls.call('clients.get', { id: 'not-an-id' });
    }
    expect(session.state).toBe('unlocked');
  });

  it('does not arm on a failed unlock, and disarms on any lock', async () => {
    const { calls, idle } = await setUp();
    await calls.call('vault.create', { passphrase: PASSPHRASE });
    await calls.call('vault.lock', {});
    expect(idle.armed).toBe(false);
    await calls.call('vault.unlock', { passphrase: 'wrong passphrase, certainly' });
    expect(idle.armed).toBe(false);
    await calls.call('vault.unlock', { passphrase: PASSPHRASE });
    calls.lock('screen-locked');
    expect(idle.armed).toBe(false);
  });
});
