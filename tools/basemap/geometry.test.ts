import { describe, expect, it } from 'vitest';
import {
  assembleRings,
  labelPoint,
  pointInRing,
  polygonsFromRings,
  signedArea,
  type Ring,
} from './geometry.ts';
import { classifyOsm, guessRoadClass, roadClassOf } from './classify.ts';
import { NodeStore } from './nodeStore.ts';

describe('geometry', () => {
  it('joins multipolygon pieces into closed rings, turning pieces around as needed', () => {
    const rings = assembleRings([
      [
        [0, 0],
        [1, 0],
      ],
      [
        [1, 1],
        [1, 0],
      ],
      [
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [5, 5],
        [6, 6],
      ],
    ]);
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(5);
  });

  it('winds outer rings counter-clockwise and holes clockwise', () => {
    const outer: Ring = [
      [0, 0],
      [0, 4],
      [4, 4],
      [4, 0],
      [0, 0],
    ];
    const hole: Ring = [
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
    ];
    const [polygon] = polygonsFromRings([outer], [hole]);
    expect(polygon).toHaveLength(2);
    expect(signedArea(polygon?.[0] ?? [])).toBeGreaterThan(0);
    expect(signedArea(polygon?.[1] ?? [])).toBeLessThan(0);
  });

  it('puts labels inside concave shapes', () => {
    const u: Ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const p = labelPoint([u]);
    expect(p && pointInRing(p, u)).toBe(true);
  });
});

describe('classification', () => {
  it('maps OSM tags to layers and classes', () => {
    expect(classifyOsm({ highway: 'motorway_link' }, false)).toMatchObject({
      layer: 'roads',
      class: 'motorway',
    });
    expect(classifyOsm({ highway: 'footway' }, true)).toMatchObject({ layer: 'roads', class: 'path' });
    expect(classifyOsm({ waterway: 'river' }, false)).toMatchObject({ layer: 'waterway', minzoom: 8 });
    expect(classifyOsm({ natural: 'water' }, true)).toMatchObject({ layer: 'water' });
    expect(classifyOsm({ natural: 'water' }, false)).toBeUndefined();
    expect(classifyOsm({ landuse: 'forest' }, true)).toMatchObject({ layer: 'landuse', class: 'wood' });
    expect(classifyOsm({ building: 'yes' }, true)).toMatchObject({ layer: 'buildings', minzoom: 14 });
    expect(classifyOsm({ amenity: 'bench' }, true)).toBeUndefined();
  });

  it('guesses classes of name-only street registers', () => {
    expect(guessRoadClass('BAB 4', 40_000)).toBe('motorway');
    expect(guessRoadClass('B 55', 900)).toBe('trunk');
    expect(guessRoadClass('Militärringstr.', 21_000)).toBe('primary');
    expect(guessRoadClass('Amselweg', 200)).toBe('residential');
    expect(roadClassOf('Secondary')).toBe('secondary');
    expect(roadClassOf('living_street')).toBe('residential');
    expect(roadClassOf('runway')).toBeUndefined();
  });
});

describe('node store', () => {
  it('finds nodes by id, sorting once if the file was not sorted', () => {
    const s = new NodeStore();
    s.add([5, 3], [5.5, 3.5], [50.5, 30.5]);
    s.add([9], [9.5], [90]);
    s.finish();
    expect(s.get(3)).toEqual([3.5, 30.5]);
    expect(s.get(9)).toEqual([9.5, 90]);
    expect(s.get(4)).toBeUndefined();
    expect(s.line([3, 4, 5])).toEqual([
      [3.5, 30.5],
      [5.5, 50.5],
    ]);
  });
});
