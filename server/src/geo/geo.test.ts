import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness.ts';
import { DistrictIndex } from './districts.ts';
import { GeoFileError } from './geojson.ts';
import { StreetIndex } from './streets.ts';

const KOELN = path.resolve('../shared/data/koeln');
let streets: StreetIndex;
beforeAll(() => {
  streets = StreetIndex.fromFile(path.join(KOELN, 'koeln_strassenabschnitte.geojson'));
});

/** A point `metres` to the left (+) or right (-) of the middle of the segment a→b. */
function beside(a: [number, number], b: [number, number], metres: number): { lat: number; lon: number } {
  const kx = Math.cos((a[1] * Math.PI) / 180) * 111_320;
  const dx = (b[0] - a[0]) * kx;
  const dy = (b[1] - a[1]) * 111_320;
  const len = Math.hypot(dx, dy);
  const nx = (-dy / len) * metres;
  const ny = (dx / len) * metres;
  return { lon: (a[0] + b[0]) / 2 + nx / kx, lat: (a[1] + b[1]) / 2 + ny / 111_320 };
}

describe('reverse geocoding on the Köln street segments', () => {
  // Am Rosengarten: left 93-97, right 78-78, from (6.896047, 50.960752) to (6.895396, 50.959967).
  const a: [number, number] = [6.896047, 50.960752];
  const b: [number, number] = [6.895396, 50.959967];

  it('interpolates the house number on the left side, keeping odd numbers', () => {
    const p = beside(a, b, 8);
    expect(streets.reverse(p.lat, p.lon)).toEqual({
      address: 'Am Rosengarten 95',
      street: 'Am Rosengarten',
      houseNumber: 95,
      distanceM: 8,
    });
  });

  it('takes the right side when the point is right of the street', () => {
    const p = beside(a, b, -8);
    expect(streets.reverse(p.lat, p.lon)).toMatchObject({ address: 'Am Rosengarten 78', houseNumber: 78 });
  });

  it('finds nothing far from any street', () => {
    expect(streets.reverse(50.5, 6.5)).toBeUndefined();
    expect(streets.size).toBeGreaterThan(15_000);
  });
});

describe('districts', () => {
  it('places the Dom in Innenstadt and Porz in Porz', () => {
    const d = DistrictIndex.fromFile(path.join(KOELN, 'koeln_stadtbezirke.geojson'));
    expect(d.size).toBe(9);
    expect(d.at(50.9413, 6.9583)).toBe('Innenstadt');
    expect(d.at(50.88, 7.06)).toBe('Porz');
    expect(d.at(52.5, 13.4)).toBeUndefined();
  });

  it('explains a bad file', () => {
    const f = path.join(tempDir(), 'x.geojson');
    fs.writeFileSync(f, '{"type":"Feature"}');
    expect(() => DistrictIndex.fromFile(f)).toThrow(GeoFileError);
    expect(() => DistrictIndex.fromFile(f)).toThrow(/not a GeoJSON FeatureCollection/);
    expect(() => StreetIndex.fromFile('/nonexistent.geojson')).toThrow(/cannot read it \(ENOENT\)/);
  });
});
