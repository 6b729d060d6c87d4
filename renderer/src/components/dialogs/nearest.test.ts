import { describe, expect, it } from 'vitest';
import { distanceM, nearestAvailable } from './nearest.ts';
import { unit } from '../../testing/units.ts';

describe('distance', () => {
  it('is 111.195 km per degree of latitude (mean Earth radius) and shrinks with cos(lat) along a parallel', () => {
    expect(distanceM({ lat: 50, lon: 7 }, { lat: 51, lon: 7 })).toBeCloseTo(111_195, -1);
    expect(distanceM({ lat: 60, lon: 7 }, { lat: 60, lon: 8 })).toBeCloseTo(55_597, -2);
    expect(distanceM({ lat: 50.94, lon: 6.96 }, { lat: 50.94, lon: 6.96 })).toBe(0);
  });
});

describe('nearest available units', () => {
  const at = { lat: 50.94, lon: 6.96 };
  const pos = (dLat: number) => ({ position: { lat: at.lat + dLat, lon: at.lon, time: 0 } });
  it('takes status 1 and 2 with a position, nearest first, ties by callsign', () => {
    const units = [
      unit('far', 2, 0, pos(0.05)),
      unit('near', 1, 0, pos(0.001)),
      unit('busy', 3, 0, pos(0)),
      unit('nofix', 2, 0, { position: undefined }),
      unit('b-tie', 2, 0, pos(0.01)),
      unit('a-tie', 2, 0, pos(0.01)),
    ];
    const r = nearestAvailable(units, at);
    expect(r.map((c) => c.unit.id)).toEqual(['near', 'a-tie', 'b-tie', 'far']);
    expect(r[0]?.distanceM).toBeCloseTo(111.2, 0);
    expect(nearestAvailable(units, at, 2)).toHaveLength(2);
  });
});
