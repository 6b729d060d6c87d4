import { describe, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { tempDir } from '../../../tools/import/fixtures.ts';
import { clockRange, seqAt, type ClockColumn } from './clock.ts';

/** A log with the given (time, received) per seq, written straight into the events table. */
function logOf(rows: [number, number][]) {
  const db = openDb(tempDir(), 'normal');
  const insert = db.prepare('INSERT INTO events (seq, type, time, received, data) VALUES (?, ?, ?, ?, ?)');
  rows.forEach(([time, received], i) => insert.run(i + 1, 'unit.position', time, received, '{}'));
  return db;
}

/** The definition: the last seq whose clock is ≤ t (< t when strict), 0 if none. */
function bruteForce(
  rows: [number, number][],
  col: ClockColumn,
  t: number,
  strict: boolean,
  gone = 0,
): number {
  let last = 0;
  rows.forEach(([time, received], i) => {
    const c = col === 'time' ? time : received;
    if (i + 1 > gone && (strict ? c < t : c <= t)) last = i + 1;
  });
  return last;
}

describe('replay clock', () => {
  // Receive times never decrease; event times may (a terminal clock ahead, a backlog after a gap).
  const rows: [number, number][] = [
    [1000, 1000],
    [1000, 1000],
    [400_000, 1500], // a terminal whose clock runs ahead
    [1200, 1500],
    [900, 2000], // a late fix
    [2100, 2100],
    [2200, 2500],
    [2200, 2500],
    [3000, 3000],
  ];

  it('finds the last event at or before T by receive time for every T, also where event times jump', () => {
    const src = { db: logOf(rows), clock: 'received' as const };
    for (let t = 900; t <= 3100; t += 50) {
      expect(seqAt(src, t)).toBe(bruteForce(rows, 'received', t, false));
      expect(seqAt(src, t, true)).toBe(bruteForce(rows, 'received', t, true));
    }
    expect(seqAt(src, 1500)).toBe(4);
    expect(seqAt(src, 1500, true)).toBe(2);
    expect(seqAt(src, 999)).toBe(0);
    expect(seqAt(src, 1e15)).toBe(9);
  });

  it('is monotone in T: a later time never gives a shorter prefix', () => {
    const src = { db: logOf(rows), clock: 'received' as const };
    let prev = 0;
    for (let t = 0; t < 4000; t += 7) {
      const s = seqAt(src, t);
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
  });

  it('uses event time for a sorted log (imported datasets)', () => {
    const sorted: [number, number][] = [1000, 1000, 1200, 5000, 5000, 9000].map((t) => [t, 77]);
    const src = { db: logOf(sorted), clock: 'time' as const };
    for (const t of [999, 1000, 1001, 1199, 1200, 4999, 5000, 8999, 9000, 9001])
      expect(seqAt(src, t)).toBe(bruteForce(sorted, 'time', t, false));
  });

  it('copes with a log whose oldest events were removed and old positions thinned (retention)', () => {
    const db = logOf(rows);
    db.prepare('DELETE FROM events WHERE seq <= 3').run();
    const src = { db, clock: 'received' as const };
    for (let t = 900; t <= 3100; t += 50)
      expect(seqAt(src, t)).toBe(bruteForce(rows, 'received', t, false, 3));
    expect(clockRange(src)).toEqual({ first: 1500, last: 3000, events: 6 });
    // Thinning old positions leaves holes inside the log.
    db.prepare('DELETE FROM events WHERE seq IN (5, 7)').run();
    const kept = (seq: number) => seq > 3 && seq !== 5 && seq !== 7;
    for (let t = 900; t <= 3100; t += 50) {
      const expected = rows.reduce(
        (last, [, received], i) => (kept(i + 1) && received <= t ? i + 1 : last),
        0,
      );
      expect(seqAt(src, t)).toBe(expected);
    }
    expect(clockRange(src)).toEqual({ first: 1500, last: 3000, events: 4 });
  });

  it('an empty log has no events at any time', () => {
    const src = { db: logOf([]), clock: 'received' as const };
    expect(seqAt(src, Date.now())).toBe(0);
    expect(clockRange(src)).toEqual({ first: null, last: null, events: 0 });
  });
});
