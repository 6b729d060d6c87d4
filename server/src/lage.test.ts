import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import { Lage } from './lage.ts';
import { openDb } from './store/db.ts';
import { tempDir } from './testing/harness.ts';

const T = Date.UTC(2026, 10, 26, 8);
const opts = { snapshotEvery: 1_000_000, snapshotIntervalMs: 1_000_000 };
const reg = (id: string): NewEvent => ({
  type: 'unit.registered',
  time: T,
  unit: { id, callsign: `K 1/${id.length}`, kind: 'motorrad', district: 'Köln' },
});
const fix = (id: string, i: number): NewEvent => ({
  type: 'unit.position',
  time: T + i,
  unitId: id,
  lat: 50.9 + i / 1e4,
  lon: 6.9,
});

function fill(lage: Lage, from: number, to: number): void {
  for (let i = from; i < to; i++) lage.commit([fix(`u${i % 7}`, i)], T + i);
}

describe('Lage start-up', () => {
  it('restarts from the latest snapshot plus the events after it, to the same picture', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    const lage = new Lage(db, opts);
    lage.commit(Array.from({ length: 7 }, (_, i) => reg(`u${i}`)));
    fill(lage, 0, 500);
    lage.snapshotNow();
    fill(lage, 500, 800);
    const expected = structuredClone(lage.picture);
    db.close();

    const db2 = openDb(dir, 'normal');
    const again = new Lage(db2, opts);
    expect(again.picture).toEqual(expected);
    expect(again.seq).toBe(807);
    expect(again.snapshots.latest()?.seq).toBe(507);
    db2.close();
  });

  it('falls back to the log when the snapshot is damaged, losing nothing', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    const lage = new Lage(db, opts);
    lage.commit([reg('u0'), reg('u1')]);
    fill(lage, 0, 50);
    lage.snapshotNow();
    const expected = structuredClone(lage.picture);
    db.prepare('UPDATE snapshots SET data = ?').run(Buffer.from('not a snapshot'));
    db.close();
    const db2 = openDb(dir, 'normal');
    expect(new Lage(db2, opts).picture).toEqual(expected);
    db2.close();
  });

  it('refuses a data dir written by a newer schema with a clear error', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema'").run();
    db.close();
    expect(() => openDb(dir, 'normal')).toThrow(/newer Lagebild \(schema 99\)/);
    expect(fs.existsSync(path.join(dir, 'lagebild.sqlite'))).toBe(true);
  });

  it('does not advance the sequence when a commit fails', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    const lage = new Lage(db, opts);
    lage.commit([reg('u0')]);
    db.exec("CREATE TRIGGER boom BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => lage.commit([fix('u0', 1)])).toThrow(/disk full/);
    expect(lage.seq).toBe(1);
    expect(lage.picture.units['u0']?.position).toBeUndefined();
    db.exec('DROP TRIGGER boom');
    expect(lage.commit([fix('u0', 2)])[0]?.seq).toBe(2);
    db.close();
  });
});

describe('incident index', () => {
  it('is rebuilt from the log when a data dir predates it', () => {
    const dir = tempDir();
    const db = openDb(dir, 'normal');
    const lage = new Lage(db, opts);
    lage.commit([
      {
        type: 'incident.opened',
        time: T,
        incident: { id: 'E1', number: '1', type: 'brand', priority: 1, location: { lat: 50.9, lon: 6.9 } },
      },
    ]);
    db.exec('DROP TABLE incident_index');
    db.close();
    const again = openDb(dir, 'normal');
    expect(again.prepare('SELECT seq, time, type, priority, lat, lon FROM incident_index').all()).toEqual([
      { seq: 1, time: T, type: 'brand', priority: 1, lat: 50.9, lon: 6.9 },
    ]);
    again.close();
  });
});
