/** The real Liverpool AVL trace: the replayed picture has each bus at each of its recorded fixes. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv, type ImportSummary } from '../../../tools/import/fixtures.ts';
import { openDataset, pictureAt, type Dataset } from './query.ts';
import { LIVERPOOL_CSV, LIVERPOOL_MAPPING, tempDir } from '../../../tools/import/fixtures.ts';

interface Fix {
  unitId: string;
  time: number;
  lat: number;
  lon: number;
  heading: number | undefined;
}

/** Read independently: no field of this file contains a comma; quotes only wrap whole fields. */
function fixesFromCsv(): Fix[] {
  const [, ...rows] = fs.readFileSync(LIVERPOOL_CSV, 'utf8').trim().split(/\r?\n/);
  return rows.map((row) => {
    const [, vehicle, , timestamp, lat, lon, bearing] = row.split(',').map((f) => f.replace(/^"|"$/g, ''));
    return {
      unitId: `bus-${vehicle}`,
      // January: Liverpool's wall clock is UTC.
      time: Date.parse(`${timestamp!.replace(' ', 'T')}Z`),
      lat: +lat!,
      lon: +lon!,
      heading: bearing === '' ? undefined : +bearing!,
    };
  });
}

describe('Liverpool bus trace (AVL)', () => {
  let summary: ImportSummary;
  let ds: Dataset;
  const fixes = fixesFromCsv();

  beforeAll(async () => {
    const dataDir = tempDir();
    summary = await importCsv({
      dataDir,
      mappingFile: LIVERPOOL_MAPPING,
      csvFile: LIVERPOOL_CSV,
      snapshotEvery: 200,
    });
    ds = openDataset(dataDir, summary.name);
  });
  afterAll(() => ds?.close());

  it('imports every fix and registers each bus once', () => {
    expect(summary).toMatchObject({ rows: 1533, imported: 1533, skipped: 0, positions: 1533, units: 8 });
    expect(summary.events).toBe(1533 + 8);
    expect(summary.name).toBe('liverpool_bus_route14_outbound');
  });

  it('has each bus at each recorded fix at that fix time', () => {
    for (const f of fixes) {
      const unit = pictureAt(ds, f.time).units[f.unitId];
      const expected: Record<string, number> = { lat: f.lat, lon: f.lon, time: f.time };
      if (f.heading !== undefined) expected.heading = f.heading;
      expect(unit?.position, `${f.unitId} at ${new Date(f.time).toISOString()}`).toEqual(expected);
    }
  });

  it('shows a bus only from its first fix on, with its callsign', () => {
    const first = fixes.find((f) => f.unitId === 'bus-4716')!;
    expect(pictureAt(ds, first.time - 1).units['bus-4716']).toBeUndefined();
    expect(pictureAt(ds, first.time).units['bus-4716']).toMatchObject({
      callsign: 'Bus 4716',
      kind: 'funkstreifenwagen',
      district: 'AMSY Linie 14',
    });
  });
});
