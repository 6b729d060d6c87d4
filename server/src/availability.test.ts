import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import { Lage } from './lage.ts';
import { openDb, type Db } from './store/db.ts';
import { tempDir } from './testing/harness.ts';
import { availabilitySeries } from './availability.ts';

const T = Date.UTC(2026, 10, 26, 8, 0);
const MIN = 60_000;
let db: Db | undefined;
afterEach(() => db?.close());

const reg = (id: string, status: 1 | 2 | 6): NewEvent => ({
  type: 'unit.registered',
  time: T,
  unit: { id, callsign: id, kind: 'funkstreifenwagen', district: 'D', status },
});
const status = (unitId: string, s: 0 | 1 | 2 | 3 | 4 | 5 | 6): NewEvent => ({
  type: 'unit.status',
  time: T,
  unitId,
  status: s,
});

describe('availability over time from the log', () => {
  it('gives the categories at each instant, on the server receive clock, across a snapshot and positions', () => {
    db = openDb(tempDir(), 'normal');
    const lage = new Lage(db, { snapshotEvery: 1_000_000, snapshotIntervalMs: 3_600_000 });
    // received: when the server committed them (what the dashboards showed then).
    lage.commit([reg('a', 2), reg('b', 2), reg('c', 6)], T);
    lage.commit([status('a', 3)], T + 5 * MIN);
    lage.commit([{ type: 'unit.position', time: T, unitId: 'a', lat: 50, lon: 7 }], T + 6 * MIN);
    lage.snapshotNow(T + 7 * MIN);
    lage.commit([status('b', 5), status('a', 4)], T + 10 * MIN); // exactly at an instant: counts
    lage.commit([status('c', 0)], T + 12 * MIN);
    lage.commit([status('a', 1), status('b', 2)], T + 25 * MIN); // after the window
    const src = { db, log: lage.log, snapshots: lage.snapshots };
    const pick = (s: ReturnType<typeof availabilitySeries>[number]) => [
      s.time - T,
      s.available,
      s.committed,
      s.request,
      s.emergency,
      s.unavailable,
      s.total,
    ];
    // Hand-computed: 08:00 a,b free, c off duty; 08:05 a en route; 08:10 b speech request, a on scene;
    // 08:12 c emergency.
    expect(availabilitySeries(src, T, T + 20 * MIN, 5 * MIN).map(pick)).toEqual([
      [0, 2, 0, 0, 0, 1, 3],
      [5 * MIN, 1, 1, 0, 0, 1, 3],
      [10 * MIN, 0, 1, 1, 0, 1, 3],
      [15 * MIN, 0, 1, 1, 1, 0, 3],
    ]);
    // Starting after the snapshot gives the same instants.
    expect(availabilitySeries(src, T + 10 * MIN, T + 20 * MIN, 5 * MIN).map(pick)).toEqual([
      [10 * MIN, 0, 1, 1, 0, 1, 3],
      [15 * MIN, 0, 1, 1, 1, 0, 3],
    ]);
    // Before anything was logged: nothing.
    expect(availabilitySeries(src, T - 10 * MIN, T - 5 * MIN, 5 * MIN).map(pick)).toEqual([
      [-10 * MIN, 0, 0, 0, 0, 0, 0],
    ]);
  });
});
