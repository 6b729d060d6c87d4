import { describe, expect, it } from 'vitest';
import type { Unit } from '#shared/domain';
import { UnitDiffer } from './unitDiff.ts';
import { containsBox, cullBox, expandBox, inBox, nextCull, type Box } from './viewCull.ts';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const STALE = 60_000;
const at = (id: string, lon: number, lat: number, over: Partial<Unit> = {}): Unit => ({
  id,
  callsign: id,
  kind: 'funkstreifenwagen',
  district: 'Köln',
  status: 2,
  statusSince: T0,
  position: { lat, lon, time: T0 },
  ...over,
});
const KOELN: Box = { west: 6.9, south: 50.9, east: 7.0, north: 50.96 };
const ids = (d: { add?: GeoJSON.Feature[] } | null) => d?.add?.map((f) => f.id) ?? [];

describe('view box', () => {
  it('reaches one view beyond each edge and knows what is inside', () => {
    const b = expandBox(KOELN, 1);
    expect(b.west).toBeCloseTo(6.8);
    expect(b.east).toBeCloseTo(7.1);
    expect(b.south).toBeCloseTo(50.84);
    expect(b.north).toBeCloseTo(51.02);
    expect(containsBox(b, KOELN)).toBe(true);
    expect(containsBox(KOELN, b)).toBe(false);
    expect(inBox(KOELN, 6.95, 50.93)).toBe(true);
    expect(inBox(KOELN, 7.05, 50.93)).toBe(false);
  });

  it('holds every unit below the cull zoom and a box from it on', () => {
    expect(cullBox(KOELN, 8.5, 9)).toBeNull();
    expect(cullBox(KOELN, 9, 9)).toEqual(expandBox(KOELN, 1));
  });

  it('keeps the box for small pans, moves it when the view leaves it, shrinks it after zooming in', () => {
    const box = nextCull(null, KOELN, 12, 9);
    expect(box).toEqual(expandBox(KOELN, 1));
    const panned = { ...KOELN, west: KOELN.west + 0.05, east: KOELN.east + 0.05 };
    expect(nextCull(box!, panned, 12, 9)).toBeUndefined();
    const far = { ...KOELN, west: KOELN.west + 0.5, east: KOELN.east + 0.5 };
    expect(nextCull(box!, far, 12, 9)).toEqual(expandBox(far, 1));
    const zoomedIn = { west: 6.95, south: 50.93, east: 6.96, north: 50.935 };
    expect(nextCull(box!, zoomedIn, 15, 9)).toEqual(expandBox(zoomedIn, 1));
    expect(nextCull(box!, KOELN, 8, 9)).toBeNull();
    expect(nextCull(null, KOELN, 8, 9)).toBeUndefined();
  });
});

describe('UnitDiffer with a view box', () => {
  it('sends only the units inside the box and moves them in and out as the box changes', () => {
    const d = new UnitDiffer();
    const inside = at('in', 6.95, 50.93);
    const outside = at('out', 7.5, 50.93);
    d.setBox(KOELN);
    const units = { in: inside, out: outside };
    expect(ids(d.diff(units, T0, STALE, 'de'))).toEqual(['in']);
    expect(d.size).toBe(1);
    // Unchanged, nothing to send; an unchanged unit outside costs no feature.
    expect(d.diff(units, T0, STALE, 'de')).toBeNull();
    expect(d.hasUrgentChange(units)).toBe(false);

    d.setBox({ ...KOELN, west: 7.4, east: 7.6 });
    expect(d.diff(units, T0, STALE, 'de')).toMatchObject({ add: [{ id: 'out' }], remove: ['in'] });
    d.setBox(null);
    expect(ids(d.diff(units, T0, STALE, 'de'))).toEqual(['in']);
    expect(d.size).toBe(2);
  });

  it('moves a unit that drives out of the box out of the source, and back in', () => {
    const d = new UnitDiffer();
    d.setBox(KOELN);
    d.diff({ a: at('a', 6.95, 50.93) }, T0, STALE, 'de');
    expect(d.diff({ a: at('a', 7.2, 50.93) }, T0, STALE, 'de')).toEqual({ add: [], remove: ['a'] });
    expect(ids(d.diff({ a: at('a', 6.99, 50.93) }, T0, STALE, 'de'))).toEqual(['a']);
  });

  it('treats a new unit in view as urgent, one outside or moving into view as not', () => {
    const d = new UnitDiffer();
    d.setBox(KOELN);
    const far = at('a', 7.5, 50.93);
    d.diff({ a: far }, T0, STALE, 'de');
    expect(d.hasUrgentChange({ a: far, b: at('b', 7.6, 50.93) })).toBe(false);
    expect(d.hasUrgentChange({ a: at('a', 6.95, 50.93) })).toBe(false);
    expect(d.hasUrgentChange({ a: far, b: at('b', 6.95, 50.93) })).toBe(true);
    // A unit that had no position and gets one in view appears at once.
    const { position: _, ...nowhere } = { ...far, id: 'c' };
    d.diff({ a: far, c: nowhere }, T0, STALE, 'de');
    expect(d.hasUrgentChange({ a: far, c: at('c', 6.95, 50.93) })).toBe(true);
  });

  it('forgets units outside the box that left the picture', () => {
    const d = new UnitDiffer();
    d.setBox(KOELN);
    const b = at('b', 6.95, 50.93);
    d.diff({ a: at('a', 7.5, 50.93), b }, T0, STALE, 'de');
    d.diff({ b }, T0, STALE, 'de');
    d.setBox(null);
    expect(d.diff({ b }, T0, STALE, 'de')).toBeNull();
    expect(d.size).toBe(1);
  });
});
