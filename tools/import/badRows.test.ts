/** A small synthetic file with broken lines: each gets its line number and reason, the rest is imported. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv, type ImportSummary } from './importer.ts';
import { openDataset, pictureAt, type Dataset } from '../../server/src/store/public.ts';
import { BAD_ROW_ERRORS, writeBadRows } from './testing/badRowsFixture.ts';
import { tempDir } from './testing/testSupport.ts';

describe('bad rows', () => {
  let summary: ImportSummary;
  let ds: Dataset;
  const errors: string[] = [];
  const duplicates: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    const { csv, mapping } = writeBadRows(dir);
    summary = await importCsv({
      dataDir: dir,
      mappingFile: mapping,
      csvFile: csv,
      dataset: 'bad',
      onRowError: (line, message) => errors.push(`line ${line}: ${message}`),
      onDuplicate: (line, message) => duplicates.push(`line ${line}: ${message}`),
    });
    ds = openDataset(dir, 'bad');
  });
  afterAll(() => ds?.close());

  it('names each bad row by its line and reason', () => {
    expect(errors).toEqual(BAD_ROW_ERRORS);
    expect(duplicates).toEqual(['line 13: repeats incident a1 of line 2; not imported again']);
  });

  it('counts rows, imported, skipped and duplicates', () => {
    expect(summary).toMatchObject({
      rows: 15,
      imported: 4,
      skipped: 10,
      duplicates: 1,
      incidents: 4,
      events: 8,
    });
    expect(summary.from).toBe(Date.parse('2026-03-01T08:15:00Z'));
    expect(summary.to).toBe(Date.parse('2026-03-01T10:05:00Z'));
  });

  it('imports the good rows, sorted by time, with quoted and multi-line fields intact', () => {
    const openAt = (iso: string) =>
      Object.values(pictureAt(ds, Date.parse(iso)).incidents)
        .filter((i) => i.state !== 'abgeschlossen')
        .map((i) => [i.id, i.type, i.address])
        .sort();
    // Local times in Europe/Berlin (UTC+1 in March); each call stays open 30 minutes.
    expect(openAt('2026-03-01T09:20:00Z')).toEqual([
      ['a1', 'einbruch', 'ok'],
      ['a6', 'einbruch', 'two lines'],
    ]);
    expect(openAt('2026-03-01T09:36:00Z')).toEqual([
      ['a2', 'einbruch', 'the id of bad line 3 is still free'],
      ['a6', 'einbruch', 'two lines'],
    ]);
    const first = pictureAt(ds, Date.parse('2026-03-01T08:15:00Z'));
    expect(Object.values(first.incidents).map((i) => [i.id, i.type, i.address])).toEqual([
      ['a5', 'brand', 'quoted, with "quotes"'],
    ]);
  });
});
