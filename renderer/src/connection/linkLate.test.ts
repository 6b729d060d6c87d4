/**
 * A link check that runs long after it was due (a page busy with 10,000 units) does not mark the
 * link lost for silence its own stall explains (the data may be waiting behind the check), but a
 * feed that really stopped still shows, also on a page whose every check runs late (linkWatch.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkLink,
  judgeLate,
  LATE_CHECK_MS,
  LINK_CHECK_MS,
  linkStore,
  type LinkState,
} from './linkWatch.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { WALL_SILENCE_MS } from './staleness.ts';

const up: LinkState = { lost: false, reason: null, ageMs: 500, asOf: 1 };
const silentFor = (ageMs: number): LinkState => ({ lost: true, reason: 'silent', ageMs, asOf: 1 });
const dropped: LinkState = { lost: true, reason: 'disconnected', ageMs: 12_000, asOf: 1 };
const ON_TIME = LINK_CHECK_MS;
const STALL = 25_000;

afterEach(() => {
  linkStore.setState(linkStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
});

describe('a late link check', () => {
  it('does not turn a live link silent for the stall it ran after, but an on-time one does', () => {
    expect(judgeLate(up, silentFor(STALL + 500), STALL)).toEqual({
      ...silentFor(STALL + 500),
      lost: false,
      reason: null,
    });
    expect(judgeLate(up, silentFor(9_000), ON_TIME)).toEqual(silentFor(9_000));
    // Just late enough to count as late.
    const late = LINK_CHECK_MS + LATE_CHECK_MS + 1;
    expect(judgeLate(up, silentFor(late + 500), late).lost).toBe(false);
  });

  it('still shows silence that began before the stall', () => {
    const before = WALL_SILENCE_MS + 1;
    expect(judgeLate(up, silentFor(STALL + before), STALL)).toEqual(silentFor(STALL + before));
  });

  it('still shows a dropped socket at once, and keeps a link that was already lost', () => {
    expect(judgeLate(up, dropped, STALL)).toEqual(dropped);
    expect(judgeLate(silentFor(9_000), silentFor(STALL + 9_000), STALL).lost).toBe(true);
  });

  it('marks a feed that stopped, on a page whose every check runs 4 s late', () => {
    const t0 = 1_000_000;
    connectionStore.setState({ presence: 'live', lastDataAt: t0, clockOffsetMs: 0 });
    const stall = 4_000;
    let now = t0;
    let lostAt: number | undefined;
    while (lostAt === undefined && now < t0 + 60_000) {
      now += stall;
      if (checkLink(now, stall).lost) lostAt = now;
    }
    // Marked at most one stall later than a page checking on time would have.
    expect(lostAt).toBeDefined();
    expect((lostAt ?? 0) - t0).toBeLessThanOrEqual(WALL_SILENCE_MS + 2 * stall);
    expect((lostAt ?? 0) - t0).toBeGreaterThan(WALL_SILENCE_MS);
  });
});
