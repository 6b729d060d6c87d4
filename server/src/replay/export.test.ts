import { describe, expect, it } from 'vitest';
import { FULL_VIEW, policyFor, type ViewPolicy } from '#shared/redact';
import type { NewEvent } from '#shared/schemas';
import { Lage } from '../lage.ts';
import { openDb } from '../store/db.ts';
import { csvCell, csvFormat } from './exportCsv.ts';
import { exportChunks, type ExportFormat } from './export.ts';
import { geojsonFormat } from './exportGeojson.ts';
import { tempDir } from '../../../tools/import/fixtures.ts';

const T = Date.UTC(2026, 10, 26, 10);

/** A live log with a patrol car, a handheld radio and an incident with a caller and a note. */
function source() {
  const db = openDb(tempDir(), 'normal');
  const lage = new Lage(db, { snapshotEvery: 1_000_000, snapshotIntervalMs: 1_000_000 });
  const events: NewEvent[] = [
    {
      type: 'unit.registered',
      time: T,
      unit: { id: 'car', callsign: 'K 1/1', kind: 'funkstreifenwagen', district: 'Köln' },
    },
    {
      type: 'unit.registered',
      time: T,
      unit: { id: 'hh', callsign: 'K 9/1', kind: 'handfunkgeraet', district: 'Köln' },
    },
    { type: 'unit.position', time: T + 1, unitId: 'car', lat: 50.9, lon: 6.9 },
    { type: 'unit.position', time: T + 2, unitId: 'hh', lat: 50.95, lon: 6.95 },
    {
      type: 'incident.opened',
      time: T + 3,
      incident: {
        id: 'E1',
        number: '1',
        type: 'einbruch',
        priority: 1,
        location: { lat: 50.91, lon: 6.91 },
        description: 'Nachbar gesehen',
        caller: { name: 'Max Muster', phone: '0221 1' },
      },
    },
    { type: 'incident.note', time: T + 4, incidentId: 'E1', text: 'Täter: Paul P.', by: 'op1' },
  ];
  events.forEach((e, i) => lage.commit([e], T + 10 + i));
  return { db, log: lage.log, snapshots: lage.snapshots, clock: 'received' as const };
}

async function run(policy: ViewPolicy, format: ExportFormat): Promise<string> {
  const meta = {
    dataset: 'live',
    from: T,
    to: T + 100,
    clock: 'received' as const,
    personal: policy.personal,
    exported: T,
    timeZone: 'Europe/Berlin',
  };
  let text = '';
  for await (const chunk of exportChunks(source(), meta, policy, format)) text += chunk;
  return text;
}

describe('export redaction', () => {
  it('with the full view: every fix, the caller, the description and the note', async () => {
    const fc = JSON.parse(await run(FULL_VIEW, geojsonFormat())) as {
      features: { properties: Record<string, unknown> }[];
    };
    expect(fc.features.map((f) => f.properties['unitId'] ?? f.properties['id'])).toEqual(['car', 'hh', 'E1']);
    expect(fc.features[2]?.properties).toMatchObject({
      description: 'Nachbar gesehen',
      caller: { name: 'Max Muster', phone: '0221 1' },
      notes: [{ time: new Date(T + 4).toISOString(), author: 'op1', text: 'Täter: Paul P.' }],
    });
  });

  it('without personal data: no handheld fixes, no caller, description or notes (GeoJSON and CSV)', async () => {
    const wall = policyFor(['wall']);
    const geo = await run(wall, geojsonFormat());
    const fc = JSON.parse(geo) as { features: { properties: Record<string, unknown> }[] };
    expect(fc.features.map((f) => f.properties['unitId'] ?? f.properties['id'])).toEqual(['car', 'E1']);
    const csv = await run(wall, csvFormat());
    for (const text of [geo, csv]) {
      for (const secret of ['Max Muster', '0221 1', 'Nachbar', 'Paul', '50.95'])
        expect(text).not.toContain(secret);
    }
    // Rows: header, two registrations, the car's fix, the opening (the handheld's fix and the note are left out).
    expect(
      csv
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.split(',')[3]),
    ).toEqual(['type', 'unit.registered', 'unit.registered', 'unit.position', 'incident.opened']);
  });
});

describe('CSV cells', () => {
  it.each([
    [undefined, ''],
    [51.25, '51.25'],
    ['Köln', 'Köln'],
    ['a,b', '"a,b"'],
    ['sagt "Hallo"', '"sagt ""Hallo"""'],
    ['zwei\nZeilen', '"zwei\nZeilen"'],
    ['=1+1', "'=1+1"],
    ['+49 221', "'+49 221"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
