import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './wall-restart.ts';

describe('RestartBackoff', () => {
  it('doubles the delay while crashes keep coming, up to the maximum, and counts them', () => {
    const backoff = new RestartBackoff({ firstDelayMs: 1_000, maxDelayMs: 8_000, stableMs: 60_000 });
    const delays = [0, 2_000, 5_000, 10_000, 20_000, 30_000].map((t) => backoff.next(t));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(backoff.total).toBe(6);
  });

  it('starts over after a stable period but keeps the total', () => {
    const backoff = new RestartBackoff({ firstDelayMs: 1_000, maxDelayMs: 60_000, stableMs: 60_000 });
    backoff.next(0);
    backoff.next(1_000);
    expect(backoff.next(2_000)).toBe(4_000);
    expect(backoff.next(62_000)).toBe(1_000);
    expect(backoff.total).toBe(4);
  });
});
