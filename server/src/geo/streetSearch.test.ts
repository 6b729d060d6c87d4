/**
 * Forward geocoding against Stadt Köln's street register (Straßenabschnitte, CC BY, in
 * ../shared/data/koeln): the segments and house-number ranges quoted below were read from that file
 * by hand, so the expected points do not come from the code under test.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { StreetIndex } from './streets.ts';
import { normaliseStreet, parseAddress, StreetSearch } from './streetSearch.ts';

const KOELN = path.resolve('../shared/data/koeln');
let search: StreetSearch;
let streets: StreetIndex;
beforeAll(() => {
  streets = StreetIndex.fromFile(path.join(KOELN, 'koeln_strassenabschnitte.geojson'));
  search = new StreetSearch(streets.segments);
});

const within = (v: number, a: number, b: number) => v >= Math.min(a, b) - 1e-6 && v <= Math.max(a, b) + 1e-6;

describe('parsing what an operator types', () => {
  it('splits street and house number, ignores a letter suffix and the town', () => {
    expect(parseAddress('Hohe Straße 100')).toEqual({ street: 'hohe strasse', number: 100 });
    expect(parseAddress('Hohe Str. 12a, Köln')).toEqual({ street: 'hohe strasse', number: 12 });
    expect(parseAddress('Hohe St')).toEqual({ street: 'hohe st' });
    // A number inside the name is part of the name ("Straße des 17. Juni").
    expect(parseAddress('Straße des 17. Juni')).toEqual({ street: 'strasse des 17 juni' });
  });

  it('writes "Str." and "Straße" alike', () => {
    expect(normaliseStreet('Hohe Str.')).toBe(normaliseStreet('Hohe Straße'));
    expect(normaliseStreet('Hohestr.')).toBe(normaliseStreet('HOHESTRASSE'));
  });
});

describe('forward geocoding on the Köln register', () => {
  it('places an even number on the right-hand range that holds it (Hohe Str. 96-122)', () => {
    const [hit] = search.search('Hohe Straße 100');
    expect(hit).toMatchObject({
      address: 'Hohe Str. 100',
      street: 'Hohe Str.',
      houseNumber: 100,
      exact: true,
    });
    // The segment from (6.956203, 50.937775) to (6.956289, 50.938453): left 89-109, right 96-122.
    expect(within(hit!.lon, 6.956203, 6.956289)).toBe(true);
    expect(within(hit!.lat, 50.937775, 50.938453)).toBe(true);
    // The reverse geocoder (another code path) finds the same street at that point.
    expect(streets.reverse(hit!.lat, hit!.lon)?.street).toBe('Hohe Str.');
  });

  it('keeps odd numbers on the odd side (Hohe Str. 115 is on the segment 111-119)', () => {
    const [hit] = search.search('hohe str 115');
    expect(hit).toMatchObject({ houseNumber: 115, exact: true });
    expect(within(hit!.lat, 50.938453, 50.939168)).toBe(true);
  });

  it('suggests streets while typing, the exact name first, at most the limit', () => {
    const hits = search.search('Hohe Str');
    expect(hits[0]?.street).toBe('Hohe Str.');
    expect(hits.map((h) => h.street)).toContain('Hohe Str. En');
    expect(hits.every((h) => h.exact === false && h.houseNumber === undefined)).toBe(true);
    expect(search.search('a', 10)).toEqual([]);
    expect(search.search('Am', 4)).toHaveLength(4);
  });

  it('gives the street alone, not a made-up place, for a number no range holds', () => {
    const [hit] = search.search('Am Rosengarten 5000');
    expect(hit).toMatchObject({ address: 'Am Rosengarten', exact: false });
    expect(hit?.houseNumber).toBeUndefined();
    expect(streets.reverse(hit!.lat, hit!.lon)?.street).toBe('Am Rosengarten');
  });

  it('finds nothing for a street the register does not have', () => {
    expect(search.search('Gibtsnichtweg 1')).toEqual([]);
  });
});
