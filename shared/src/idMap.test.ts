/**
 * Issue 13 at the root: the reducer every process shares, and the maps it keeps. Ids named like
 * members of Object.prototype or Function.prototype must behave like any other id, in a picture
 * made by the reducer and in one read from JSON (a snapshot, a replay answer).
 */
import { describe, expect, it } from 'vitest';
import { has, idMap, own, put, toIdMap } from './idMap.ts';
import { applyAll, foldAtomic, FoldError } from './reducer.ts';
import { emptyPicture, type Picture } from './picture.ts';
import { pictureSchema, type LageEvent } from './schemas.ts';

const NAMES = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
  ]),
];
const T = Date.UTC(2026, 10, 26, 8);

/** Every name as a unit and an incident; the unit assigned, then at the scene. */
function events(ids: readonly string[], from = 0): LageEvent[] {
  let seq = from;
  const e = (x: object) => ({ seq: ++seq, time: T + seq, received: T + seq, ...x }) as LageEvent;
  return ids.flatMap((id) => [
    e({ type: 'unit.registered', unit: { id, callsign: 'K 1', kind: 'motorrad', district: id } }),
    e({
      type: 'incident.opened',
      incident: { id, number: id, type: 'brand', priority: 1, location: { lat: 51, lon: 7 } },
    }),
    e({ type: 'unit.status', unitId: id, status: 3, incidentId: id }),
    e({ type: 'incident.updated', incidentId: id, patch: { state: 'disponiert' } }),
    e({ type: 'unit.status', unitId: id, status: 4 }),
  ]);
}

describe('idMap', () => {
  it('reads only own entries and stores every key, __proto__ included, as data', () => {
    const plain = JSON.parse('{"a":1}') as Record<string, number>;
    for (const n of NAMES) {
      expect(own(plain, n), n).toBeUndefined();
      expect(has(plain, n), n).toBe(false);
    }
    const m = idMap<number>();
    NAMES.forEach((n, i) => put(m, n, i));
    put(plain, '__proto__', 7);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(own(plain, '__proto__')).toBe(7);
    expect(Object.keys(m)).toEqual(NAMES);
    expect(Object.keys(toIdMap(m))).toEqual(NAMES);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the reducer with prototype names as ids', () => {
  it('folds every name as unit and incident, from an empty picture and from one parsed from JSON', () => {
    const all = events(NAMES);
    const folded = applyAll(emptyPicture(), all);
    const fromJson = JSON.parse(JSON.stringify(applyAll(emptyPicture(), all.slice(0, 2)))) as Picture;
    const resumed = applyAll(fromJson, all.slice(2));
    for (const p of [folded, resumed]) {
      expect(Object.keys(p.units).sort()).toEqual([...NAMES].sort());
      for (const id of NAMES) {
        expect(own(p.units, id), id).toMatchObject({ id, district: id, status: 4, incidentId: id });
        expect(own(p.incidents, id), id).toMatchObject({ id, state: 'in_bearbeitung', units: [id] });
      }
    }
    // Events for ids that do not exist change nothing (the old reducer threw on "constructor").
    const refs = all.filter((e) => e.type !== 'unit.registered' && e.type !== 'incident.opened');
    const ghost = applyAll(emptyPicture(), refs);
    expect(Object.keys(ghost.units)).toEqual([]);
    expect(Object.keys(ghost.incidents)).toEqual([]);
  });

  it('a picture read through pictureSchema has maps without prototype', () => {
    const json = JSON.stringify(applyAll(emptyPicture(), events(['constructor'])));
    const p = pictureSchema.parse(JSON.parse(json));
    expect(Object.getPrototypeOf(p.units)).toBeNull();
    expect(Object.getPrototypeOf(p.incidents)).toBeNull();
    expect(p.units['toString']).toBeUndefined();
    expect(p.units['constructor']?.id).toBe('constructor');
  });

  it('foldAtomic undoes every change of a batch that holds an event it cannot fold', () => {
    const p = applyAll(emptyPicture(), events(['a']));
    const before = JSON.parse(JSON.stringify(p)) as Picture;
    const bad = { seq: 99, type: 'x' } as unknown as LageEvent;
    expect(() => foldAtomic(p, [...events(['constructor', 'a'], 5), bad])).toThrow(FoldError);
    expect(p).toEqual(before);
    const undo = foldAtomic(p, events(['b'], 5));
    expect(own(p.units, 'b')).toBeDefined();
    undo();
    expect(p).toEqual(before);
  });
});
