import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import { FULL_VIEW, policyFor } from '#shared/redact';
import { Lage } from './lage.ts';
import { openDb, type Db } from './store/db.ts';
import { tempDir } from './testing/harness.ts';
import { availabilitySeries } from './availability.ts';

const T = Date.UTC(2026, 10, 26, 8, 0);
const MIN = 60_000;
let db: Db | undefined;
afterEach(() => db?.close());

const reg = (id: string, status: 1 | 2 | 6, district = 'D'): NewEvent => ({
  type: 'unit.registered',
  time: T,
  unit: { id, callsign: id, kind: 'funkstreifenwagen', district, status },
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
    expect(availabilitySeries(src, T, T + 20 * MIN, 5 * MIN, FULL_VIEW).map(pick)).toEqual([
      [0, 2, 0, 0, 0, 1, 3],
      [5 * MIN, 1, 1, 0, 0, 1, 3],
      [10 * MIN, 0, 1, 1, 0, 1, 3],
      [15 * MIN, 0, 1, 1, 1, 0, 3],
    ]);
    // Starting after the snapshot gives the same instants.
    expect(availabilitySeries(src, T + 10 * MIN, T + 20 * MIN, 5 * MIN, FULL_VIEW).map(pick)).toEqual([
      [10 * MIN, 0, 1, 1, 0, 1, 3],
      [15 * MIN, 0, 1, 1, 1, 0, 3],
    ]);
    // Before anything was logged: nothing.
    expect(availabilitySeries(src, T - 10 * MIN, T - 5 * MIN, 5 * MIN, FULL_VIEW).map(pick)).toEqual([
      [-10 * MIN, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('counts only the units of a district-limited viewer, by their district at each instant', () => {
    db = openDb(tempDir(), 'normal');
    const lage = new Lage(db, { snapshotEvery: 1_000_000, snapshotIntervalMs: 3_600_000 });
    lage.commit([reg('k1', 2, 'PP Köln'), reg('k2', 6, 'PP Köln'), reg('d1', 2, 'PP Düsseldorf')], T);
    lage.commit([status('k1', 3), status('d1', 5)], T + 5 * MIN);
    // d2 joins Düsseldorf, k2 moves there (registered again with another district).
    lage.commit([reg('d2', 1, 'PP Düsseldorf'), reg('k2', 6, 'PP Düsseldorf')], T + 10 * MIN);
    const src = { db, log: lage.log, snapshots: lage.snapshots };
    const pick = (s: ReturnType<typeof availabilitySeries>[number]) => [
      s.available,
      s.committed,
      s.request,
      s.unavailable,
      s.total,
    ];
    // Hand-computed. Köln: 08:00 k1 free, k2 off duty; 08:05 k1 en route; 08:10 k2 gone to Düsseldorf.
    expect(
      availabilitySeries(src, T, T + 15 * MIN, 5 * MIN, policyFor(['operator'], ['PP Köln'])).map(pick),
    ).toEqual([
      [1, 0, 0, 1, 2],
      [0, 1, 0, 1, 2],
      [0, 1, 0, 0, 1],
    ]);
    // Düsseldorf: 08:00 d1 free; 08:05 d1 speech request; 08:10 + d2 free, + k2 off duty.
    expect(
      availabilitySeries(src, T, T + 15 * MIN, 5 * MIN, policyFor(['operator'], ['PP Düsseldorf'])).map(pick),
    ).toEqual([
      [1, 0, 0, 0, 1],
      [0, 0, 1, 0, 1],
      [1, 0, 1, 1, 3],
    ]);
    // Both districts, and an unlimited viewer: the whole fleet.
    const both = availabilitySeries(
      src,
      T,
      T + 15 * MIN,
      5 * MIN,
      policyFor(['operator'], ['PP Köln', 'PP Düsseldorf']),
    );
    expect(both.map(pick)).toEqual(availabilitySeries(src, T, T + 15 * MIN, 5 * MIN, FULL_VIEW).map(pick));
    expect(both.map((s) => s.total)).toEqual([3, 3, 4]);
  });
});
