/**
 * Headerless files, the hints of a wrong delimiter / decimal comma / header, and location columns
 * (WKT, "(lat, lon)", EPSG:25832), on rows derived from the Seattle calls. EPSG:25832 coordinates are
 * computed here with the textbook UTM formulas (Snyder, Map Projections - A Working Manual, USGS
 * Professional Paper 1395, pp. 61-64), independently of proj4.
 */
import { describe, expect, it } from 'vitest';
import { seattleCalls } from './testing/dispatchFixture.ts';
import { importCsv } from './importer.ts';
import { MappingError } from './mapping.ts';
import { eventsInRange, openDataset } from '../../server/src/store/public.ts';
import { tempDir, writeFile } from './testing/testSupport.ts';

const calls = seattleCalls(100);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

/** ETRS89 (GRS80) → UTM zone 32N easting/northing in metres. */
function utm32(lat: number, lon: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const k0 = 0.9996;
  const e2 = f * (2 - f);
  const ep2 = e2 / (1 - e2);
  const phi = (lat * Math.PI) / 180;
  const dl = ((lon - 9) * Math.PI) / 180;
  const N = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const T = Math.tan(phi) ** 2;
  const C = ep2 * Math.cos(phi) ** 2;
  const A = dl * Math.cos(phi);
  const M =
    a *
    ((1 - e2 / 4 - (3 * e2 ** 2) / 64 - (5 * e2 ** 3) / 256) * phi -
      ((3 * e2) / 8 + (3 * e2 ** 2) / 32 + (45 * e2 ** 3) / 1024) * Math.sin(2 * phi) +
      ((15 * e2 ** 2) / 256 + (45 * e2 ** 3) / 1024) * Math.sin(4 * phi) -
      ((35 * e2 ** 3) / 3072) * Math.sin(6 * phi));
  const x =
    k0 * N * (A + ((1 - T + C) * A ** 3) / 6 + ((5 - 18 * T + T ** 2 + 72 * C - 58 * ep2) * A ** 5) / 120) +
    500000;
  const y =
    k0 *
    (M +
      N *
        Math.tan(phi) *
        (A ** 2 / 2 +
          ((5 - T + 9 * C + 4 * C ** 2) * A ** 4) / 24 +
          ((61 - 58 * T + T ** 2 + 600 * C - 330 * ep2) * A ** 6) / 720));
  return [x, y];
}

async function locations(dir: string, name: string, mapping: object, csv: string) {
  await importCsv({
    dataDir: dir,
    mappingFile: writeFile(dir, `${name}.json`, mapping),
    csvFile: writeFile(dir, `${name}.csv`, csv),
    dataset: name,
  });
  const ds = openDataset(dir, name);
  const events = eventsInRange(ds, ds.info.from, ds.info.to + 1, { limit: 100_000 }).events;
  ds.close();
  return new Map(
    events.flatMap((e) => (e.type === 'incident.opened' ? [[e.incident.id, e.incident] as const] : [])),
  );
}

const base = {
  version: 1,
  rows: 'incidents',
  time: { column: 'time', formats: ['ISO'] },
  incident: { id: '{id}', type: { default: 'verkehrsunfall' } },
};

describe('file shapes', () => {
  it('reads a file without a header, columns named by number', async () => {
    const dir = tempDir();
    const csv = calls.map((c) => `${c.id},${iso(c.time)},"(${c.lat}, ${c.lon})",${c.address}`).join('\n');
    const got = await locations(
      dir,
      'headerless',
      {
        ...base,
        csv: { header: false },
        time: { column: '2', formats: ['ISO'] },
        location: { point: '3' },
        incident: { id: '{1}', address: '{4}', type: { default: 'verkehrsunfall' } },
      },
      csv,
    );
    // The first line is a call like every other, not a header.
    expect(got.size).toBe(calls.length);
    for (const c of calls)
      expect(got.get(c.id)).toMatchObject({ address: c.address, location: { lat: c.lat, lon: c.lon } });
  });

  it('reads WKT points (lon lat) and "lat,lon"', async () => {
    const dir = tempDir();
    const csv = [
      'id,time,where',
      ...calls.map(
        (c, i) => `${c.id},${iso(c.time)},${i % 2 ? `POINT (${c.lon} ${c.lat})` : `"${c.lat},${c.lon}"`}`,
      ),
    ].join('\n');
    const got = await locations(dir, 'wkt', { ...base, location: { point: 'where' } }, csv);
    for (const c of calls) expect(got.get(c.id)?.location).toEqual({ lat: c.lat, lon: c.lon });
  });

  it('reads EPSG:25832 x/y to within a centimetre', async () => {
    const dir = tempDir();
    // The Seattle calls moved onto Köln (same spread, UTM zone 32).
    const moved = calls.map((c) => ({ ...c, lat: c.lat + 3.3, lon: c.lon + 129.3 }));
    const csv = [
      'id;time;Rechtswert;Hochwert',
      ...moved.map((c) => {
        const [x, y] = utm32(c.lat, c.lon);
        return `${c.id};${iso(c.time)};${x.toFixed(3).replace('.', ',')};${y.toFixed(3).replace('.', ',')}`;
      }),
    ].join('\n');
    const got = await locations(
      dir,
      'utm',
      {
        ...base,
        csv: { delimiter: ';', decimalComma: true },
        location: { x: 'Rechtswert', y: 'Hochwert', crs: 'EPSG:25832' },
      },
      csv,
    );
    for (const c of moved) {
      const l = got.get(c.id)!.location;
      // 1e-7 degrees is about a centimetre.
      expect(Math.abs(l.lat - c.lat)).toBeLessThan(2e-7);
      expect(Math.abs(l.lon - c.lon)).toBeLessThan(2e-7);
    }
  });
});

describe('hints', () => {
  const run = async (mapping: object, csv: string, errors: string[] = []) => {
    const dir = tempDir();
    return importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'm.json', mapping),
      csvFile: writeFile(dir, 'f.csv', csv),
      dataset: 'h',
      onRowError: (line, message) => errors.push(`line ${line}: ${message}`),
    });
  };
  const located = { ...base, location: { lat: 'lat', lon: 'lon' } };
  const rows = calls.slice(0, 3);

  it('suggests csv.delimiter for a header that is one column with ";" in it', async () => {
    const csv = ['id;time;lat;lon', ...rows.map((c) => `${c.id};${iso(c.time)};${c.lat};${c.lon}`)].join(
      '\n',
    );
    await expect(run(located, csv)).rejects.toThrow(/hint: looks like `;`-separated: set csv\.delimiter/);
  });

  it('suggests csv.header: false when the first row looks like data', async () => {
    const csv = rows.map((c) => `${c.id},${iso(c.time)},${c.lat},${c.lon}`).join('\n');
    const err = await run(located, csv).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as Error).message).toContain(
      'hint: the first row looks like data, not a header: set csv.header: false',
    );
  });

  it('suggests csv.decimalComma for numbers written with a comma', async () => {
    const csv = [
      'id;time;lat;lon',
      ...rows.map(
        (c) => `${c.id};${iso(c.time)};${String(c.lat).replace('.', ',')};${String(c.lon).replace('.', ',')}`,
      ),
    ].join('\n');
    const errors: string[] = [];
    await run({ ...located, csv: { delimiter: ';' } }, csv, errors);
    expect(errors).toHaveLength(rows.length);
    expect(errors[0]).toBe(
      `line 2: lat "${String(rows[0]!.lat).replace('.', ',')}" is not a number (a decimal comma? set csv.decimalComma)`,
    );
  });
});
