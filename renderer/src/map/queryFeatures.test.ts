import { describe, expect, it } from 'vitest';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { queryFeatures } from './queryFeatures.ts';

const mapThrowing = (message: string) =>
  ({
    queryRenderedFeatures: () => {
      throw new Error(message);
    },
  }) as unknown as MaplibreMap;

describe('queryFeatures', () => {
  it('finds nothing for the moment MapLibre throws its feature-index race (maplibre-gl-js#7752, #8064)', () => {
    expect(queryFeatures(mapThrowing('feature index out of bounds'), [1, 2], ['units-symbol'])).toEqual([]);
    expect(
      queryFeatures(
        mapThrowing("Out of bounds. Index requested n=0 can't be >= this._numberToString.length 0"),
        [1, 2],
        ['units-symbol'],
      ),
    ).toEqual([]);
  });

  it('passes the layers on and rethrows any other error', () => {
    const asked: unknown[] = [];
    const map = {
      queryRenderedFeatures: (at: unknown, o: unknown) => {
        asked.push([at, o]);
        return [{ id: 1 }];
      },
    } as unknown as MaplibreMap;
    expect(queryFeatures(map, [3, 4], ['a'])).toEqual([{ id: 1 }]);
    expect(asked).toEqual([[[3, 4], { layers: ['a'] }]]);
    expect(() => queryFeatures(mapThrowing('style is not done loading'), [1, 2], ['a'])).toThrow(
      'style is not',
    );
  });
});
