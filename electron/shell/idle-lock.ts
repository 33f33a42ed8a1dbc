/**
 * When the open vault locks by itself: after the coach's idle time without activity, when
 * the screen locks, when the machine suspends. Pure policy: the shell feeds it events
 * (IPC calls, input, powerMonitor) and a clock, and acts on `onLock`. The browser harness
 * drives the same class with a clock it can move forward.
 */

export type AutoLockReason = 'idle' | 'screen-locked' | 'suspend';

export interface IdleClock {
  /**
   * Wall-clock milliseconds. Wall time on purpose: a suspend the app never heard about
   * still counts as idle time, where a monotonic clock would stand still during sleep.
   */
  now(): number;
  /** Runs `callback` after `ms`; returns a cancel function. */
  schedule(callback: () => void, ms: number): () => void;
}

export const systemClock: IdleClock = {
  now: () => Date.now(),
  schedule(callback, ms) {
    const timer = setTimeout(callback, ms);
    // A pending idle check must never keep the process alive at quit.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export const DEFAULT_IDLE_MINUTES = 10;
export const MIN_IDLE_MINUTES = 1;
export const MAX_IDLE_MINUTES = 240;

export class IdleLock {
  #idleMs: number;
  #armed = false;
  #lastActivity = 0;
  #cancel: (() => void) | undefined;

  constructor(
    private readonly clock: IdleClock,
    private readonly onLock: (reason: AutoLockReason) => void,
    idleMinutes: number = DEFAULT_IDLE_MINUTES,
  ) {
    this.#idleMs = IdleLock.#toMs(idleMinutes);
  }

  static #toMs(minutes: number): number {
    if (!Number.isFinite(minutes)) return DEFAULT_IDLE_MINUTES * 60_000;
    const clamped = Math.min(MAX_IDLE_MINUTES, Math.max(MIN_IDLE_MINUTES, minutes));
    return Math.round(clamped * 60_000);
  }

  get armed(): boolean {
    return this.#armed;
  }

  get idleMinutes(): number {
    return this.#idleMs / 60_000;
  }

  /** Milliseconds left before the idle lock, or null while nothing is open. */
  get msUntilLock(): number | null {
    if (!this.#armed) return null;
    return Math.max(0, this.#lastActivity + this.#idleMs - this.clock.now());
  }

  /** The vault was unlocked: start counting from now. */
  arm(): void {
    this.#armed = true;
    this.#lastActivity = this.clock.now();
    this.#reschedule();
  }

  /** The vault was locked, for whatever reason: nothing left to guard. */
  disarm(): void {
    this.#armed = false;
    this.#cancel?.();
    this.#cancel = undefined;
  }

  setIdleMinutes(minutes: number): void {
    this.#idleMs = IdleLock.#toMs(minutes);
    if (this.#armed) this.#reschedule();
  }

  /**
   * The coach did something. Called on every IPC call and input event, so it only records
   * the time; the pending timer notices on its next check.
   */
  activity(): void {
    if (this.#armed) this.#lastActivity = this.clock.now();
  }

  screenLocked(): void {
    this.#lock('screen-locked');
  }

  suspended(): void {
    this.#lock('suspend');
  }

  /** Locks when the idle time has passed, else waits for the rest. Returns whether it locked. */
  check(): boolean {
    const left = this.msUntilLock;
    if (left === null) return false;
    if (left === 0) {
      this.#lock('idle');
      return true;
    }
    this.#reschedule();
    return false;
  }

  dispose(): void {
    this.disarm();
  }

  #reschedule(): void {
    this.#cancel?.();
    const left = this.msUntilLock;
    this.#cancel = left === null ? undefined : this.clock.schedule(() => this.check(), left);
  }

  #lock(reason: AutoLockReason): void {
    if (!this.#armed) return;
    this.disarm();
    this.onLock(reason);
  }
}
