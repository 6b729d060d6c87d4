/** Importing a dataset name again never damages what is there: refused, replaced whole, or left as it was. */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDatasets } from '../../server/src/store/public.ts';
import { importCsv, ImportArgError } from './importer.ts';
import { loadMapping, MappingError } from './mapping.ts';
import { openDataset, pictureAt } from '../../server/src/store/public.ts';
import {
  LIVERPOOL_CSV,
  LIVERPOOL_MAPPING,
  SEATTLE_CSV,
  SEATTLE_MAPPING,
  tempDir,
  writeFile,
} from './testing/testSupport.ts';

const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const FIRST_FIX = Date.parse('2026-01-26T15:57:02Z'); // bus 4716

describe('importing a dataset name again', () => {
  let dir: string;
  let file: string;
  let otherCallsign: string;

  beforeAll(async () => {
    dir = tempDir();
    const base = loadMapping(LIVERPOOL_MAPPING);
    otherCallsign = writeFile(dir, 'other.json', {
      ...base,
      unit: { ...base.unit, callsign: 'Wagen {vehicle_id}' },
    });
    const s = await importCsv({
      dataDir: dir,
      mappingFile: LIVERPOOL_MAPPING,
      csvFile: LIVERPOOL_CSV,
      dataset: 'trace',
    });
    file = s.file!;
  });

  it('is refused without --replace and leaves the dataset as it was', async () => {
    const before = hash(file);
    const again = importCsv({
      dataDir: dir,
      mappingFile: otherCallsign,
      csvFile: LIVERPOOL_CSV,
      dataset: 'trace',
    });
    await expect(again).rejects.toThrow(ImportArgError);
    await expect(again).rejects.toThrow('dataset "trace" already exists');
    expect(hash(file)).toBe(before);
  });

  it('keeps the dataset when a replacing import fails or imports nothing', async () => {
    const before = hash(file);
    const noColumn = writeFile(dir, 'nocol.json', {
      ...loadMapping(LIVERPOOL_MAPPING),
      position: { heading: 'kurs' },
    });
    const opts = { dataDir: dir, csvFile: LIVERPOOL_CSV, dataset: 'trace', replace: true };
    await expect(importCsv({ ...opts, mappingFile: noColumn })).rejects.toThrow(MappingError);
    const empty = writeFile(dir, 'empty.csv', fs.readFileSync(LIVERPOOL_CSV, 'utf8').split('\n')[0]! + '\n');
    const s = await importCsv({ ...opts, mappingFile: LIVERPOOL_MAPPING, csvFile: empty });
    expect([s.imported, s.file]).toEqual([0, undefined]);
    expect(hash(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['trace.sqlite']);
  });

  it('with --replace swaps the whole file; a reader of the old one reads on undisturbed', async () => {
    const old = openDataset(dir, 'trace');
    const s = await importCsv({
      dataDir: dir,
      mappingFile: otherCallsign,
      csvFile: LIVERPOOL_CSV,
      dataset: 'trace',
      replace: true,
    });
    expect(s.imported).toBe(1533);
    const fresh = openDataset(dir, 'trace');
    expect(pictureAt(old, FIRST_FIX).units['bus-4716']?.callsign).toBe('Bus 4716');
    expect(pictureAt(fresh, FIRST_FIX).units['bus-4716']?.callsign).toBe('Wagen 4716');
    expect(fresh.info.importedAt).toBeGreaterThanOrEqual(old.info.importedAt);
    old.close();
    fresh.close();
    const { datasets, problems } = listDatasets(dir);
    expect(problems).toEqual([]);
    expect(datasets.map((d) => [d.name, d.imported, d.units, d.positions, d.timeZone])).toEqual([
      ['trace', 1533, 8, 1533, 'Europe/London'],
    ]);
  });

  it('survives an import killed half way: the old dataset stays whole, the leftovers are removed later', async () => {
    const s = await importCsv({
      dataDir: dir,
      mappingFile: SEATTLE_MAPPING,
      csvFile: SEATTLE_CSV,
      dataset: 'sea',
    });
    const before = hash(s.file!);
    const args = [SEATTLE_CSV, '--dataset', 'sea', '--replace', '--quiet'];
    const killed = spawn(
      process.execPath,
      ['--import', 'tsx', 'tools/import/cli.ts', '--data-dir', dir, '--mapping', SEATTLE_MAPPING, ...args],
      { stdio: 'ignore' },
    );
    const tmp = path.join(dir, 'datasets');
    // Kill it while it writes the sorted events into its temporary database.
    const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const work = fs.readdirSync(tmp).find((f) => f.startsWith('.sea.'));
        const db = work && path.join(tmp, work, 'lagebild.sqlite');
        if (db && size(db) + size(`${db}-wal`) > 500_000) {
          clearInterval(poll);
          killed.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => killed.on('close', resolve));
    expect(hash(s.file!)).toBe(before);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('.sea.'))).toHaveLength(1);
    expect(listDatasets(dir).datasets.map((d) => d.name)).toEqual(['sea', 'trace']);
    const ds = openDataset(dir, 'sea');
    expect(ds.info.events).toBe(2 * ds.info.incidents);
    ds.close();
    await importCsv({
      dataDir: dir,
      mappingFile: SEATTLE_MAPPING,
      csvFile: SEATTLE_CSV,
      dataset: 'sea',
      replace: true,
    });
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
