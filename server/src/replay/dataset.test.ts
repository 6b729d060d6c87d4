import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFile, listDatasets, nameFromFile } from './dataset.ts';
import { openDataset } from './query.ts';
import { tempDir } from '../../../tools/import/fixtures.ts';

describe('datasets on disk', () => {
  it('derives safe names from file names and refuses unsafe ones', () => {
    expect(nameFromFile('/x/Seattle Calls 2014.csv')).toBe('seattle-calls-2014');
    expect(nameFromFile('__.csv')).toBe('dataset');
    expect(() => datasetFile('/d', '../live')).toThrow('dataset name "../live" must be 1-64 characters');
    expect(() => datasetFile('/d', '.hidden')).toThrow('must be 1-64 characters');
  });

  it('lists nothing for a fresh data dir and reports files that are no dataset', () => {
    const dir = tempDir();
    expect(listDatasets(dir)).toEqual({ datasets: [], problems: [] });
    fs.mkdirSync(path.join(dir, 'datasets', '.x.1.ab.tmp'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'datasets', 'junk.sqlite'), 'not a database at all, just text');
    const { datasets, problems } = listDatasets(dir);
    expect(datasets).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^junk\.sqlite: file is not a database/)]);
    expect(() => openDataset(dir, 'missing')).toThrow(`no dataset "missing" in ${dir}`);
  });
});
