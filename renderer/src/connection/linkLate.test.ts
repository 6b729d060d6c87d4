/**
 * A link check that runs long after it was due (a page busy with 10,000 units) does not mark the
 * link lost for silence on that turn: the data may be waiting behind the check (linkWatch.ts).
 */
import { describe, expect, it } from 'vitest';
import { judgeLate, type LinkState } from './linkWatch.ts';

const up: LinkState = { lost: false, reason: null, ageMs: 500, asOf: 1 };
const silent: LinkState = { lost: true, reason: 'silent', ageMs: 12_000, asOf: 1 };
const dropped: LinkState = { lost: true, reason: 'disconnected', ageMs: 12_000, asOf: 1 };

describe('a late link check', () => {
  it('does not turn a live link silent, but an on-time one does', () => {
    expect(judgeLate(up, silent, true)).toEqual({ ...silent, lost: false, reason: null });
    expect(judgeLate(up, silent, false)).toEqual(silent);
  });
  it('still shows a dropped socket at once, and keeps a link that was already lost', () => {
    expect(judgeLate(up, dropped, true)).toEqual(dropped);
    expect(judgeLate(silent, silent, true)).toEqual(silent);
  });
});
