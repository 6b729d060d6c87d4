import { describe, expect, it } from 'vitest';
import { SnapshotSchedule } from './snapshotPolicy.ts';

const policy = { everyEvents: 1000, everyMs: 60_000, minGapMs: 2_000 };

describe('snapshot schedule', () => {
  it('is due after everyEvents events, but never sooner than minGapMs after the last one', () => {
    const s = new SnapshotSchedule(policy, 0, 0);
    expect(s.due(999, 10_000)).toBe(false);
    expect(s.due(1000, 1_999)).toBe(false); // enough events, too soon
    expect(s.due(1000, 2_000)).toBe(true);
    s.taken(1000, 2_000);
    expect(s.due(1999, 3_000)).toBe(false);
    expect(s.due(2000, 3_999)).toBe(false);
    expect(s.due(2000, 4_000)).toBe(true);
  });

  it('is due everyMs after the last one when anything changed, never without a change', () => {
    const s = new SnapshotSchedule(policy, 500, 100_000);
    expect(s.due(500, 1_000_000)).toBe(false);
    expect(s.due(501, 159_999)).toBe(false);
    expect(s.due(501, 160_000)).toBe(true);
  });

  it('without a last time starts its clock at the first event it is asked about', () => {
    const s = new SnapshotSchedule(policy, 0);
    // A recording of last week: its first event is "now" for the schedule, not the wall clock.
    const weekAgo = Date.UTC(2026, 10, 19);
    expect(s.due(1, weekAgo)).toBe(false);
    expect(s.due(700, weekAgo + 59_999)).toBe(false);
    expect(s.due(701, weekAgo + 60_000)).toBe(true);
    expect(s.lastSnapshotSeq).toBe(0);
    s.taken(701, weekAgo + 60_000);
    expect(s.lastSnapshotSeq).toBe(701);
  });
});
