import { describe, expect, it } from 'vitest';
import { MAX_ROUND_DELAY_MS, NEXT_SERVER_DELAY_MS, ServerRotation } from './serverList.ts';

describe('ServerRotation', () => {
  it('moves on to the next server at once and back to the first after the last', () => {
    const r = new ServerRotation(['http://a', 'http://b', 'http://c']);
    expect(r.current).toBe('http://a');
    expect(r.failed()).toEqual({ origin: 'http://b', delayMs: NEXT_SERVER_DELAY_MS });
    expect(r.failed()).toEqual({ origin: 'http://c', delayMs: NEXT_SERVER_DELAY_MS });
    // Every server failed once: the round ends with a longer wait before the first again.
    expect(r.failed()).toEqual({ origin: 'http://a', delayMs: 500 });
  });

  it('waits longer each round while all fail, up to a maximum, and starts over after a success', () => {
    const r = new ServerRotation(['http://a', 'http://b']);
    const roundEnds = Array.from({ length: 12 }, () => r.failed().delayMs).filter((_, i) => i % 2 === 1);
    expect(roundEnds).toEqual([500, 1000, 2000, MAX_ROUND_DELAY_MS, MAX_ROUND_DELAY_MS, MAX_ROUND_DELAY_MS]);
    r.succeeded();
    expect(r.current).toBe('http://a');
    expect(r.failed()).toEqual({ origin: 'http://b', delayMs: NEXT_SERVER_DELAY_MS });
  });

  it('with one server stays on it and backs off as a reconnecting client does', () => {
    const r = new ServerRotation(['http://a']);
    expect([r.failed(), r.failed(), r.failed()]).toEqual([
      { origin: 'http://a', delayMs: 500 },
      { origin: 'http://a', delayMs: 1000 },
      { origin: 'http://a', delayMs: 2000 },
    ]);
    expect(() => new ServerRotation([])).toThrow(/at least one/);
  });
});
