import { describe, expect, it } from 'vitest';
import { WALL_SILENCE_MS, probeConfirms, wallFreshness } from './staleness.ts';

const NOW = 1_000_000;

describe('wall staleness', () => {
  it('is fresh while live and a message arrived recently', () => {
    expect(wallFreshness({ presence: 'live', lastDataAt: NOW - 3_000 }, NOW)).toEqual({
      stale: false,
      reason: null,
      ageMs: 3_000,
    });
    expect(wallFreshness({ presence: 'live', lastDataAt: NOW - WALL_SILENCE_MS }, NOW).stale).toBe(false);
  });

  it('is stale at once when the connection is lost, whatever the age', () => {
    for (const presence of ['reconnecting', 'error', 'connecting'] as const)
      expect(wallFreshness({ presence, lastDataAt: NOW - 100 }, NOW)).toMatchObject({
        stale: true,
        reason: 'disconnected',
      });
  });

  it('is stale when a live socket stays silent longer than the limit', () => {
    expect(wallFreshness({ presence: 'live', lastDataAt: NOW - WALL_SILENCE_MS - 1 }, NOW)).toMatchObject({
      stale: true,
      reason: 'silent',
    });
  });

  it('is stale (waiting) before any data', () => {
    expect(wallFreshness({ presence: 'live', lastDataAt: null }, NOW)).toEqual({
      stale: true,
      reason: 'waiting',
      ageMs: null,
    });
    expect(wallFreshness({ presence: 'connecting', lastDataAt: null }, NOW).reason).toBe('waiting');
  });

  it('the silence limit plus the one-second check stays within 10 s', () => {
    expect(WALL_SILENCE_MS + 1_000).toBeLessThanOrEqual(10_000);
  });

  it('never reports a negative age (clock step)', () => {
    expect(wallFreshness({ presence: 'live', lastDataAt: NOW + 500 }, NOW).ageMs).toBe(0);
  });
});

describe('a quiet server confirmed by the health probe', () => {
  it('a recent confirmation keeps a silent but live wall fresh', () => {
    const s = { presence: 'live' as const, lastDataAt: NOW - 60_000, confirmedAt: NOW - 2_000 };
    expect(wallFreshness(s, NOW)).toEqual({ stale: false, reason: null, ageMs: 2_000 });
  });

  it('an old confirmation does not, and a confirmation never outweighs a lost connection', () => {
    expect(
      wallFreshness({ presence: 'live', lastDataAt: NOW - 60_000, confirmedAt: NOW - 9_000 }, NOW).stale,
    ).toBe(true);
    expect(
      wallFreshness({ presence: 'reconnecting', lastDataAt: NOW - 60_000, confirmedAt: NOW }, NOW).reason,
    ).toBe('disconnected');
  });

  it('confirms only when the server holds nothing newer than the wall', () => {
    expect(probeConfirms(41, 41)).toBe(true);
    expect(probeConfirms(40, 41)).toBe(true);
    expect(probeConfirms(42, 41)).toBe(false);
    expect(probeConfirms('41', 41)).toBe(false);
    expect(probeConfirms(undefined, 41)).toBe(false);
  });
});
