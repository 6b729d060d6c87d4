/** Mapping checks of issue 16: rows "dispatches", location forms, csv.encoding, unit kinds. */
import { describe, expect, it } from 'vitest';
import { MappingError, parseMapping } from './mapping.ts';
import { DISPATCH_MAPPING } from './testing/dispatchFixture.ts';

const problems = (json: unknown): string => {
  try {
    parseMapping(json);
  } catch (err) {
    if (err instanceof MappingError) return err.message;
    throw err;
  }
  return '';
};

describe('mapping checks for dispatches, locations and encodings', () => {
  it('accepts the dispatch mapping of the docs and fills in the csv defaults', () => {
    const m = parseMapping(DISPATCH_MAPPING);
    expect(m.rows).toBe('dispatches');
    expect(m.csv).toMatchObject({ encoding: 'utf-8', header: true });
  });

  it('names each misplaced or missing field', () => {
    const { unit: _unit, ...noUnit } = DISPATCH_MAPPING;
    expect(problems(noUnit)).toContain('unit: is required when rows is "dispatches"');
    expect(
      problems({ ...DISPATCH_MAPPING, incident: { ...DISPATCH_MAPPING.incident, onScene: 'On Scene' } }),
    ).toContain(`incident.onScene: with rows "dispatches" the status times are the unit's: use unit.onScene`);
    expect(problems({ ...DISPATCH_MAPPING, rows: 'incidents' })).toContain(
      'unit.available: is only for rows "dispatches" (use incident.closed)',
    );
    expect(problems({ ...DISPATCH_MAPPING, location: { point: 'P', lat: 'Lat' } })).toContain(
      'location: give either lat and lon, or point, or x, y and crs',
    );
    expect(problems({ ...DISPATCH_MAPPING, location: { x: 'X', y: 'Y' } })).toContain(
      'location: give x, y and crs',
    );
    expect(problems({ ...DISPATCH_MAPPING, location: { x: 'X', y: 'Y', crs: 'EPSG:31467' } })).toContain(
      'location.crs: must be one of EPSG:25832, EPSG:25833, EPSG:3857',
    );
    // Names of Object.prototype members are no projections either (`'constructor' in table` is true).
    for (const crs of ['constructor', 'toString', '__proto__'])
      expect(problems({ ...DISPATCH_MAPPING, location: { x: 'X', y: 'Y', crs } })).toContain(
        'location.crs: must be one of EPSG:25832, EPSG:25833, EPSG:3857',
      );
    expect(problems({ ...DISPATCH_MAPPING, csv: { encoding: 'ebcdic-42' } })).toContain(
      'csv.encoding: unknown encoding',
    );
    expect(
      problems({ ...DISPATCH_MAPPING, unit: { ...DISPATCH_MAPPING.unit, kind: 'feuerwehr' } }),
    ).toContain('unit.kind');
  });
});
