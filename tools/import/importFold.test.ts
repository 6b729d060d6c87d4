/**
 * The importer's in-place fold against the shared reducer: the same events, folded page by page by
 * both, must give the same picture as JSON text (key order included, since snapshots are stored as
 * that text) after every page. Real data: the logs the importer writes for the Seattle 911 calls, the
 * dispatch-per-row export derived from them and the Liverpool bus trace; then a hand-made log with
 * the rarer paths (emergency, reopening, reassignment, retention, events only the shared reducer knows).
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyPicture, CLOSED_INCIDENT_RETENTION_MS, type Picture } from '#shared/picture';
import { foldInto } from '#shared/reducer';
import type { LageEvent } from '#shared/schemas';
import { importCsv } from './importer.ts';
import { ImportFold } from './importFold.ts';
import { threeImports } from './testing/dispatchFixture.ts';
import { tempDir } from './testing/testSupport.ts';

/** Folds `events` in pages of `page` with both folds; returns how many pages were compared. */
function compareFolds(events: readonly LageEvent[], page: number): number {
  // Each fold gets its own copy of the events: neither may lean on objects the other changed.
  const copy = (): LageEvent[] => JSON.parse(JSON.stringify(events)) as LageEvent[];
  const forShared = copy();
  const forImport = copy();
  const shared: Picture = emptyPicture();
  const mine = new ImportFold();
  let pages = 0;
  for (let i = 0; i < events.length; i += page) {
    foldInto(shared, forShared.slice(i, i + page));
    mine.fold(forImport.slice(i, i + page));
    expect(JSON.stringify(mine.picture), `after event ${Math.min(i + page, events.length)}`).toBe(
      JSON.stringify(shared),
    );
    pages++;
  }
  expect(JSON.stringify(forImport), 'the events are left as they were').toBe(JSON.stringify(events));
  return pages;
}

function logOf(file: string): LageEvent[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT data FROM events ORDER BY seq').pluck().all() as string[];
    return rows.map((r) => JSON.parse(r) as LageEvent);
  } finally {
    db.close();
  }
}

describe('the importer fold gives the shared reducer’s picture', () => {
  const logs = new Map<string, LageEvent[]>();

  beforeAll(async () => {
    const dir = tempDir();
    const { sources } = threeImports(dir);
    for (const [name, s] of Object.entries(sources)) {
      const summary = await importCsv({ dataDir: dir, dataset: name, ...s });
      logs.set(name, logOf(summary.file!));
    }
  }, 120_000);

  it('on the Seattle 911 calls (one row per incident)', () => {
    const events = logs.get('seattle')!;
    expect(events.filter((e) => e.type === 'incident.opened').length).toBeGreaterThan(10_000);
    expect(compareFolds(events, 2_000)).toBeGreaterThan(5);
    compareFolds(events, 97);
  });

  it('on the dispatch-per-row export (several units per incident, units sent on)', () => {
    const events = logs.get('dispatches')!;
    expect(events.filter((e) => e.type === 'unit.status' && e.status === 4).length).toBeGreaterThan(1_000);
    compareFolds(events, 2_000);
    compareFolds(events, 333);
  });

  it('on the Liverpool bus trace (positions: the shared reducer’s own path)', () => {
    const events = logs.get('liverpool')!;
    expect(events.filter((e) => e.type === 'unit.position').length).toBeGreaterThan(1_000);
    compareFolds(events, 500);
  });

  it('on the rarer paths: emergency, reopening, reassignment, retention, updates and notes', () => {
    const h = 3_600_000;
    const t0 = Date.UTC(2026, 0, 1);
    const base = { received: t0, by: 'test' };
    const raw: Record<string, unknown>[] = [
      { type: 'unit.registered', time: t0, unit: { id: 'A', callsign: 'A 1', kind: 'rtw', status: 2 } },
      { type: 'unit.registered', time: t0, unit: { id: 'B', callsign: 'B 1', kind: 'nef' } },
      { type: 'unit.status', time: t0 + 1, unitId: 'nobody', status: 3, incidentId: 'I1' },
      { type: 'incident.opened', time: t0 + 2, incident: inc('I1') },
      { type: 'unit.status', time: t0 + 3, unitId: 'A', status: 3, incidentId: 'I1' },
      { type: 'unit.status', time: t0 + 4, unitId: 'A', status: 3, incidentId: 'I1' },
      { type: 'unit.status', time: t0 + 5, unitId: 'B', status: 4 },
      { type: 'unit.status', time: t0 + 6, unitId: 'A', status: 4, incidentId: 'I1' },
      { type: 'unit.status', time: t0 + 7, unitId: 'B', status: 0 },
      { type: 'unit.status', time: t0 + 8, unitId: 'B', status: 0 },
      { type: 'unit.acknowledged', time: t0 + 9, unitId: 'B' },
      { type: 'incident.opened', time: t0 + 10, incident: inc('I2') },
      { type: 'unit.status', time: t0 + 11, unitId: 'A', status: 3, incidentId: 'I2' },
      { type: 'unit.status', time: t0 + 12, unitId: 'B', status: 3, incidentId: 'I1' },
      { type: 'incident.closed', time: t0 + 13, incidentId: 'I1' },
      { type: 'incident.closed', time: t0 + 14, incidentId: 'I1' },
      { type: 'unit.status', time: t0 + 15, unitId: 'B', status: 4, incidentId: 'I1' },
      { type: 'incident.opened', time: t0 + 16, incident: inc('I1') },
      { type: 'incident.note', time: t0 + 17, incidentId: 'I2', text: 'Lage unklar' },
      { type: 'incident.updated', time: t0 + 18, incidentId: 'I2', patch: { state: 'abgeschlossen' } },
      { type: 'unit.position', time: t0 + 19, unitId: 'A', lat: 51, lon: 7 },
      { type: 'incident.opened', time: t0 + 20, incident: inc('I3') },
      { type: 'unit.status', time: t0 + 21, unitId: 'A', status: 1 },
      { type: 'incident.closed', time: t0 + 22, incidentId: 'I3' },
      { type: 'incident.opened', time: t0 + CLOSED_INCIDENT_RETENTION_MS + h, incident: inc('I4') },
      { type: 'unit.status', time: t0 + CLOSED_INCIDENT_RETENTION_MS + h, unitId: 'A', status: 6 },
      { type: 'incident.opened', time: t0 + 3 * CLOSED_INCIDENT_RETENTION_MS, incident: inc('I3') },
    ];
    const events = raw.map((e, i) => ({ seq: i + 1, ...base, ...e }) as unknown as LageEvent);
    for (const page of [1, 2, 3, 5, 8, events.length]) compareFolds(events, page);
  });
});

function inc(id: string) {
  return {
    id,
    number: id,
    type: 'brand',
    priority: 1,
    location: { lat: 51.2, lon: 6.8 },
    address: 'Markt 1',
  };
}
