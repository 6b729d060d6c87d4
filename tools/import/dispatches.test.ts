/**
 * `"rows": "dispatches"`: a dispatch-per-row export derived from the Seattle calls (several units per
 * incident, shuffled rows) against figures computed in dispatchFixture.ts from the generated values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { importCsv, type ImportSummary } from './importer.ts';
import { eventsInRange, openDataset, pictureAt, type Dataset } from '../../server/src/store/public.ts';
import {
  buildIncidents,
  dispatchCsv,
  DISPATCH_MAPPING,
  UNIT_TYPES,
  type FixtureIncident,
} from './testing/dispatchFixture.ts';
import { tempDir, writeFile } from './testing/testSupport.ts';

const incidents: FixtureIncident[] = buildIncidents(1_500).filter((i) => i.dispatches.length > 0);
const all = incidents.flatMap((i) => i.dispatches);
const min = (xs: number[]) => Math.min(...xs);
const max = (xs: number[]) => Math.max(...xs);

function allEvents(ds: Dataset): LageEvent[] {
  const out: LageEvent[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = eventsInRange(ds, ds.info.from, ds.info.to + 1, { limit: 100_000, afterSeq });
    out.push(...page.events);
    if (page.nextAfterSeq === undefined) return out;
    afterSeq = page.nextAfterSeq;
  }
}

describe('a dispatch-per-row CAD export', () => {
  let ds: Dataset;
  let summary: ImportSummary;
  let events: LageEvent[];
  const errors: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    summary = await importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'dispatch.json', DISPATCH_MAPPING),
      csvFile: writeFile(dir, 'dispatch.csv', dispatchCsv(incidents)),
      dataset: 'dispatch',
      onRowError: (line, message) => errors.push(`line ${line}: ${message}`),
    });
    ds = openDataset(dir, 'dispatch');
    events = allEvents(ds);
  }, 60_000);
  afterAll(() => ds?.close());

  it('keeps every dispatch row and groups the rows into incidents', () => {
    expect(errors).toEqual([]);
    const units = new Set(all.map((d) => d.unit));
    expect(all.length).toBeGreaterThan(incidents.length * 2);
    expect(summary).toMatchObject({
      rows: all.length,
      imported: all.length,
      skipped: 0,
      duplicates: 0,
      incidents: incidents.length,
      units: units.size,
      positions: 0,
    });
    const statuses = (s: number) => events.filter((e) => e.type === 'unit.status' && e.status === s).length;
    expect(statuses(3)).toBe(all.length);
    expect(statuses(4)).toBe(all.filter((d) => d.onScene !== undefined).length);
    expect(statuses(1)).toBe(all.length);
    expect(events.filter((e) => e.type === 'incident.opened')).toHaveLength(incidents.length);
  });

  it('registers each unit with the kind of its unit type', () => {
    const kinds = new Map<string, string>();
    for (const e of events) if (e.type === 'unit.registered') kinds.set(e.unit.id, e.unit.kind);
    for (const d of all) {
      const type = Object.values(UNIT_TYPES).find((t) => d.unit.startsWith(t.prefix))!;
      expect(kinds.get(d.unit)).toBe(type.kind);
    }
  });

  it('opens at the earliest call, counts the earliest arrival of any unit and closes when the last unit is free', () => {
    for (const inc of incidents.filter((_, i) => i % 10 === 0)) {
      const d = inc.dispatches;
      const closed = max(d.map((x) => x.available));
      const arrivals = d.flatMap((x) => (x.onScene === undefined ? [] : [x.onScene]));
      const p = pictureAt(ds, closed).incidents[inc.id];
      expect(p, inc.id).toBeDefined();
      expect(p!.state).toBe('abgeschlossen');
      expect(p!.times).toEqual({
        opened: min(d.map((x) => x.call)),
        dispatched: min(d.map((x) => x.dispatched)),
        ...(arrivals.length ? { firstOnScene: min(arrivals) } : {}),
        closed,
      });
      expect([...p!.units].sort()).toEqual(d.map((x) => x.unit).sort());
      expect(p!.location).toEqual({ lat: inc.lat, lon: inc.lon });
      expect(p!.address).toBe(inc.address);
      // Just before the last unit is free the incident is still open.
      expect(pictureAt(ds, closed - 1).incidents[inc.id]?.state).not.toBe('abgeschlossen');
    }
  });

  it('shows every unit of an incident with its own status while it is there', () => {
    for (const inc of incidents.filter((_, i) => i % 10 === 3)) {
      const d = inc.dispatches;
      const t = max(d.map((x) => x.dispatched));
      const p = pictureAt(ds, t);
      const expected = d
        .filter((x) => x.available > t)
        .map((x) => [x.unit, x.onScene !== undefined && x.onScene <= t ? 4 : 3])
        .sort();
      const shown = Object.values(p.units)
        .filter((u) => u.incidentId === inc.id)
        .map((u) => [u.id, u.status])
        .sort();
      expect(shown, inc.id).toEqual(expected);
    }
  });
});
