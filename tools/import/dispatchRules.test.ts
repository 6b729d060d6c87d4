/** The rules of `"rows": "dispatches"` on a small hand-written export, one rule per row group. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv, type ImportSummary } from './importer.ts';
import { openDataset, pictureAt, type Dataset } from '../../server/src/store/public.ts';
import { tempDir, writeFile } from './testing/testSupport.ts';

const MAPPING = {
  version: 1,
  rows: 'dispatches',
  csv: { delimiter: ';' },
  time: { column: 'Call', formats: ['YYYY-MM-DD HH:mm'], timeZone: 'UTC' },
  location: { point: 'Where' },
  incident: {
    id: '{Inc}',
    type: { column: 'Type', map: { Fire: 'brand', MVA: 'verkehrsunfall' }, default: 'sonstiges' },
    address: '{Address}',
    closed: 'Closed',
  },
  unit: {
    id: '{Unit}',
    kind: { column: 'Kind', map: { E: 'loeschfahrzeug', M: 'rettungswagen' }, default: 'einsatzleitwagen' },
    dispatched: 'Disp',
    onScene: 'OnScene',
    available: 'Avail',
  },
};

// Times are written HH:mm here and get the day 2026-01-01 (UTC) below.
const CSV = [
  'Inc;Call;Type;Address;Unit;Kind;Disp;OnScene;Avail;Closed;Where',
  // A1: E1 is sent on to A2 at 10:20 before it is free for A1 (10:40).
  'A1;10:00;;;E1;E;10:01;10:05;10:40;;(52.5, 13.4)',
  'A1;10:00;Fire;Main St 1;M1;M;10:02;10:08;10:30;;',
  'A2;10:15;MVA;;E1;E;10:20;10:25;10:50;;POINT (13.41 52.51)',
  // A2 again: the same dispatch written twice is a duplicate.
  'A2;10:15;MVA;;E1;E;10:20;10:25;10:50;;POINT (13.41 52.51)',
  // A3: closed explicitly, a unit without an available time.
  'A3;11:00;Fire;;E2;;11:01;;;11:30;52.52,13.42',
  // A4: no row has a location.
  'A4;12:00;Fire;;E3;E;12:01;;12:30;;',
  // A bad row: on scene before dispatched.
  'A5;12:00;Fire;;E4;E;12:10;12:05;12:30;;(52.5, 13.4)',
]
  .join('\n')
  .replace(/\b(\d\d:\d\d)\b/g, '2026-01-01 $1');

describe('dispatch rows: grouping rules', () => {
  let ds: Dataset;
  let summary: ImportSummary;
  const errors: string[] = [];
  const duplicates: string[] = [];
  const at = (hhmm: string) => Date.parse(`2026-01-01T${hhmm}:00Z`);

  beforeAll(async () => {
    const dir = tempDir();
    summary = await importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'm.json', MAPPING),
      csvFile: writeFile(dir, 'd.csv', CSV),
      dataset: 'rules',
      onRowError: (line, message) => errors.push(`line ${line}: ${message}`),
      onDuplicate: (line, message) => duplicates.push(`line ${line}: ${message}`),
    });
    ds = openDataset(dir, 'rules');
  });
  afterAll(() => ds?.close());

  it('reports bad rows, incidents without a location and repeated dispatches', () => {
    expect(errors).toEqual([
      'line 8: OnScene is before Disp',
      'line 7: incident A4: none of its 1 rows has a location',
    ]);
    expect(duplicates).toEqual([
      'line 5: repeats the dispatch of E1 to incident A2 of line 4; not imported again',
    ]);
    expect(summary).toMatchObject({
      rows: 7,
      imported: 4,
      skipped: 2,
      duplicates: 1,
      incidents: 3,
      units: 3,
    });
  });

  it('takes the first non-empty value of each incident field', () => {
    const a1 = pictureAt(ds, at('10:10')).incidents.A1!;
    expect(a1).toMatchObject({ type: 'brand', address: 'Main St 1', location: { lat: 52.5, lon: 13.4 } });
    expect(pictureAt(ds, at('10:30')).incidents.A2!.location).toEqual({ lat: 52.51, lon: 13.41 });
    expect(pictureAt(ds, at('11:10')).incidents.A3!.location).toEqual({ lat: 52.52, lon: 13.42 });
  });

  it('moves a unit sent on to another incident without freeing it from the new one', () => {
    const p = pictureAt(ds, at('10:35'));
    expect(p.units.E1).toMatchObject({ status: 4, incidentId: 'A2' });
    expect(p.units.M1).toMatchObject({ status: 1 });
    expect(p.units.M1!.incidentId).toBeUndefined();
    expect(pictureAt(ds, at('10:45')).units.E1).toMatchObject({ status: 4, incidentId: 'A2' });
    expect(pictureAt(ds, at('10:50')).units.E1).toMatchObject({ status: 1 });
    // A1's units: E1 left at 10:20 (its 10:40 is A2's time), M1 free at 10:30: A1 closes at 10:40.
    expect(pictureAt(ds, at('10:39')).incidents.A1!.state).toBe('in_bearbeitung');
    expect(pictureAt(ds, at('10:40')).incidents.A1!.state).toBe('abgeschlossen');
  });

  it('closes at an explicit close time and frees a unit without an available time then', () => {
    expect(pictureAt(ds, at('11:29')).units.E2).toMatchObject({
      status: 3,
      incidentId: 'A3',
      kind: 'einsatzleitwagen',
    });
    expect(pictureAt(ds, at('11:30')).incidents.A3!.state).toBe('abgeschlossen');
    expect(pictureAt(ds, at('11:30')).units.E2).toMatchObject({ status: 1 });
  });
});

describe('the worked example of docs/import.md', () => {
  it('gives the times the text states', async () => {
    const doc = fs.readFileSync('docs/import.md', 'utf8');
    const section = doc.slice(
      doc.indexOf('## Rows `"dispatches"`'),
      doc.indexOf('## Example: a German CAD export'),
    );
    const [csv, json] = [...section.matchAll(/```(?:json)?\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const dir = tempDir();
    const summary = await importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'doc.json', JSON.parse(json!) as object),
      csvFile: writeFile(dir, 'doc.csv', csv!),
      dataset: 'doc',
    });
    expect(summary).toMatchObject({ imported: 2, incidents: 1, units: 2, events: 10 });
    const ds = openDataset(dir, 'doc');
    try {
      const t = (hms: string) => Date.parse(`2011-11-09T${hms}Z`);
      const inc = pictureAt(ds, t('22:52:40')).incidents.F110104134!;
      expect(inc.times).toEqual({
        opened: t('22:04:00'),
        dispatched: t('22:05:01'),
        firstOnScene: t('22:11:45'),
        closed: t('22:52:40'),
      });
      expect(inc.location).toEqual({ lat: 47.654152, lon: -122.354466 });
      expect(pictureAt(ds, t('22:40:00')).units).toMatchObject({
        E9: { status: 1, kind: 'loeschfahrzeug' },
        M17: { status: 4, incidentId: 'F110104134', kind: 'rettungswagen' },
      });
    } finally {
      ds.close();
    }
  });
});
