/**
 * Issue 13: acknowledged = committed = folded, and start-up never dies on one bad event. Real
 * SQLite files; the damaged rows are written the way the old code (or a hand edit) left them.
 */
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import { Lage, UnfoldableError } from './lage.ts';
import { openDb, type Db } from './store/db.ts';
import { tempDir } from './testing/harness.ts';

const T = Date.UTC(2026, 10, 26, 8);
const opts = { snapshotEvery: 1_000_000, snapshotIntervalMs: 1_000_000 };
const reg = (id: string): NewEvent => ({
  type: 'unit.registered',
  time: T,
  unit: { id, callsign: `K ${id}`, kind: 'motorrad', district: 'Köln' },
});
const fix = (id: string, i: number): NewEvent => ({
  type: 'unit.position',
  time: T + i,
  unitId: id,
  lat: 50.9 + i / 1e4,
  lon: 6.9,
});
const rows = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
/** An event no writer of ours produces: the reducer cannot fold it. */
const alien = { type: 'unit.teleported', time: T, unitId: 'u0' } as unknown as NewEvent;

describe('fold before commit', () => {
  it('refuses a batch with an event that cannot be folded: nothing written, picture and seq unchanged', () => {
    const db = openDb(tempDir(), 'normal');
    const lage = new Lage(db, opts);
    lage.commit([reg('u0'), fix('u0', 1)]);
    const before = structuredClone(lage.picture);
    const seen: number[] = [];
    lage.onCommit((events) => seen.push(...events.map((e) => e.seq)));
    // The first event folds, the second does not: the first one's change must be undone too.
    expect(() => lage.commit([fix('u0', 2), reg('u1'), alien])).toThrow(UnfoldableError);
    expect(() => lage.commit([alien])).toThrow(
      /event 1 \(unit\.teleported\) cannot be folded.*unknown event type/,
    );
    expect(lage.seq).toBe(2);
    expect(rows(db)).toBe(2);
    expect(lage.picture).toEqual(before);
    expect(seen).toEqual([]);
    expect(lage.commit([fix('u0', 3)])[0]?.seq).toBe(3);
    db.close();
  });
});

describe('start-up quarantine', () => {
  it('folds the rows the old code wrote for ids like "constructor" without harm', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    const lage = new Lage(db, opts);
    lage.commit([reg('u0')]);
    // What the old code appended (checks passed because `"constructor" in {}` is true) before
    // folding threw: the update, and a position that created a unit without id.
    lage.log.append(
      [
        { type: 'incident.updated', time: T, incidentId: 'constructor', patch: { state: 'disponiert' } },
        { type: 'unit.position', time: T, unitId: 'constructor', lat: 51, lon: 7 },
        { type: 'unit.status', time: T, unitId: 'toString', status: 3, incidentId: 'valueOf' },
        { type: 'incident.assigned', time: T, incidentId: 'hasOwnProperty', unitId: 'constructor' },
      ],
      T,
    );
    db.close();
    const db2 = openDb(dir, 'normal');
    const again = new Lage(db2, opts);
    expect(again.quarantined).toEqual([]);
    expect(Object.keys(again.picture.units)).toEqual(['u0']);
    expect(Object.keys(again.picture.incidents)).toEqual([]);
    expect(again.picture.seq).toBe(5);
    db2.close();
  });

  it('quarantines damaged rows with their seq, serves the rest and keeps counting after them', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    const lage = new Lage(db, opts);
    lage.commit([reg('u0'), reg('u1')]);
    const insert = db.prepare('INSERT INTO events (seq, type, time, received, data) VALUES (?, ?, ?, ?, ?)');
    insert.run(3, 'incident.opened', T, T, JSON.stringify({ seq: 3, type: 'incident.opened', time: T }));
    insert.run(4, 'unit.position', T, T, '{"seq":4,"type":"unit.pos');
    db.close();
    const db2 = openDb(dir, 'normal');
    const mid = new Lage(db2, opts);
    mid.commit([fix('u1', 5)]);
    db2.close();

    const db3 = openDb(dir, 'normal');
    const again = new Lage(db3, opts);
    expect(again.quarantined.map((q) => [q.seq, q.type])).toEqual([
      [3, 'incident.opened'],
      [4, expect.stringMatching(/^unreadable: /)],
    ]);
    expect(again.quarantined[0]?.error).toMatch(/Cannot read properties of undefined/);
    expect(Object.keys(again.picture.units)).toEqual(['u0', 'u1']);
    expect(again.picture.units['u1']?.position?.lat).toBeCloseTo(50.9005);
    expect(again.picture.seq).toBe(5);
    // Readers folding the log get the server's picture: the quarantined rows are left out.
    expect(again.log.read(1, 100).map((e) => e.seq)).toEqual([1, 2, 5]);
    expect(again.log.page(3, 2)).toEqual({ events: [], next: 5 });
    expect(again.commit([fix('u0', 6)])[0]?.seq).toBe(6);
    db3.close();
  });
});
