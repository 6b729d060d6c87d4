import { describe, expect, it } from 'vitest';
import type { Draft } from './drafts.ts';
import { byLogOrder, mergeGroups } from './merge.ts';

let seed = 11;
const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const draft = (time: number, line: number, sub: number): Draft =>
  ({ time, line, sub, event: { type: 'incident.closed' } }) as unknown as Draft;

describe('mergeGroups', () => {
  it('gives what sorting every draft by time, line and place in the row gives (the staging ORDER BY)', () => {
    // Groups as incidents: an opening first, later events of the same and of later lines, many ties.
    const groups = Array.from({ length: 400 }, (_, g) => {
      const time = Math.floor(rnd() * 50) * 1000;
      const line = 2 + g;
      const rest = Array.from({ length: Math.floor(rnd() * 6) }, () =>
        draft(
          time + Math.floor(rnd() * 5) * 1000,
          line + Math.floor(rnd() * 3) * 400,
          1 + Math.floor(rnd() * 3),
        ),
      );
      return { first: draft(time, line, 0), rest };
    });
    const loose = Array.from({ length: 50 }, () =>
      draft(Math.floor(rnd() * 60) * 1000, 2 + Math.floor(rnd() * 400), -1),
    );
    const merged = mergeGroups(
      groups,
      (g) => g.first,
      (g) => [...g.rest, g.first],
      loose,
    );
    const out = [...merged.drafts];
    const all = [...loose, ...groups.flatMap((g) => [g.first, ...g.rest])].sort(byLogOrder);
    expect(out.map((d) => [d.time, d.line, d.sub])).toEqual(all.map((d) => [d.time, d.line, d.sub]));
    expect(merged.expected()).toBe(all.length);
  });

  it('refuses a group with a draft before its first key instead of writing it out of order', () => {
    const merged = mergeGroups(
      [{ at: 5000 }],
      () => ({ time: 5000, line: 2, sub: 0 }),
      () => [draft(5000, 2, 0), draft(4000, 2, 1)],
      [],
    );
    expect(() => [...merged.drafts]).toThrow(/before its first key/);
  });
});
