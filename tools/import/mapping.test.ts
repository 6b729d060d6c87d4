import { describe, expect, it } from 'vitest';
import { SMALL_MAPPING, writeBadRows } from './testing/badRowsFixture.ts';
import { importCsv } from './importer.ts';
import { loadMapping, MappingError, parseMapping } from './mapping.ts';
import { LIVERPOOL_MAPPING, SEATTLE_MAPPING, tempDir, writeFile } from './testing/testSupport.ts';

const problems = (json: unknown): string => {
  try {
    parseMapping(json);
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return (err as Error).message;
  }
  throw new Error('the mapping was accepted');
};

describe('mapping files', () => {
  it('accepts the shipped mappings and fills in defaults', () => {
    const seattle = loadMapping(SEATTLE_MAPPING);
    expect(seattle.incident?.defaultDurationMinutes).toBe(60);
    expect(seattle.csv).toEqual({
      delimiter: ',',
      quote: '"',
      trim: true,
      decimalComma: false,
      encoding: 'utf-8',
      header: true,
    });
    const liverpool = loadMapping(LIVERPOOL_MAPPING);
    expect(liverpool.unit).toMatchObject({ id: 'bus-{vehicle_id}', kind: 'funkstreifenwagen' });
  });

  it('names each problem with its path', () => {
    const message = problems({
      ...SMALL_MAPPING,
      version: 2,
      csv: { delimiter: ';;' },
      incident: { ...SMALL_MAPPING.incident, type: {}, id: 'x{a{b}}', defaultDurationMinutes: -5 },
    });
    expect(message.split('\n')).toEqual([
      'mapping is not a valid mapping:',
      '  version: must be 1',
      '  csv.delimiter: must be one character, e.g. "," ";" or "\\t"',
      '  incident.id: placeholders are written {Column name}, without nesting',
      '  incident.type: give a column (with map and/or default) or a default',
      '  incident.defaultDurationMinutes: Too small: expected number to be >0',
    ]);
  });

  it('asks for the section that the kind of rows needs', () => {
    const { incident: _incident, ...noIncident } = SMALL_MAPPING;
    expect(problems(noIncident)).toContain('incident: is required when rows is "incidents"');
    expect(problems({ ...noIncident, rows: 'positions' })).toContain(
      'unit: is required when rows is "positions"',
    );
    expect(
      problems({ ...SMALL_MAPPING, incident: { ...SMALL_MAPPING.incident, type: { default: 'mord' } } }),
    ).toContain('incident.type.default: Invalid option: expected one of "verkehrsunfall"');
  });

  it('checks the columns it names against the header before reading rows', async () => {
    const dir = tempDir();
    const { csv } = writeBadRows(dir);
    const mapping = writeFile(dir, 'm.json', { ...SMALL_MAPPING, location: { lat: 'Breite', lon: 'lon' } });
    await expect(importCsv({ dataDir: dir, mappingFile: mapping, csvFile: csv })).rejects.toThrow(
      /bad\.csv: the header has no column "Breite" \(location\.lat\); its columns are "id", "time", "lat"/,
    );
  });

  it('says when the file is not JSON', () => {
    const dir = tempDir();
    expect(() => loadMapping(writeFile(dir, 'm.json', '{"version": 1,'))).toThrow(
      /m\.json is not valid JSON: /,
    );
    expect(() => loadMapping(`${dir}/none.json`)).toThrow(/cannot read mapping .*none\.json/);
  });
});
