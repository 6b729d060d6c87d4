/**
 * When to restart a wall whose renderer crashed: after a second the first time, then with a
 * doubling delay while crashes keep coming, so a page that dies on load does not spin the CPU; after a
 * stable period the backoff starts over. Pure (time is passed in) and tested.
 */
export interface RestartOptions {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Running this long without a crash resets the backoff. */
  stableMs: number;
}

export const RESTART_DEFAULTS: RestartOptions = {
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  stableMs: 5 * 60_000,
};

/** How long an unresponsive wall may hang before it is crashed and reloaded. */
export const HANG_GRACE_MS = 15_000;

export class RestartBackoff {
  /** Restarts since the window opened (for logs and the settings page). */
  total = 0;
  private streak = 0;
  private lastAt = -Infinity;

  constructor(private readonly options: RestartOptions = RESTART_DEFAULTS) {}

  /** Records a crash at `now` and returns the delay before the restart. */
  next(now: number): number {
    if (now - this.lastAt >= this.options.stableMs) this.streak = 0;
    this.lastAt = now;
    this.total += 1;
    const delay = Math.min(this.options.firstDelayMs * 2 ** this.streak, this.options.maxDelayMs);
    this.streak += 1;
    return delay;
  }
}
