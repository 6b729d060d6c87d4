import { describe, expect, it } from 'vitest';
import type { Incident, Unit } from '#shared/domain';
import { boundsOf, incidentFeature, trailFeature, unitFeature } from './features.ts';
import { UnitDiffer } from './unitDiff.ts';
import { metresPerPixel, pushIntervalMs } from './unitSync.ts';

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const STALE = 60_000;

const unit = (over: Partial<Unit> = {}): Unit => ({
  id: 'u1',
  callsign: 'K 11/12',
  kind: 'funkstreifenwagen',
  district: 'Köln-Innenstadt',
  status: 3,
  statusSince: T0,
  position: { lat: 50.94, lon: 6.96, heading: 90, time: T0 },
  ...over,
});
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'i1',
  number: 'E-26-0001',
  type: 'verkehrsunfall',
  priority: 1,
  state: 'neu',
  location: { lat: 50.93, lon: 6.95 },
  times: { opened: T0 },
  units: [],
  notes: [],
  ...over,
});

describe('unit features', () => {
  it('carry status, rotated arrow, callsign and kind', () => {
    const f = unitFeature(unit(), T0 + 1000, STALE, 'de');
    expect(f).toEqual({
      type: 'Feature',
      id: 'u1',
      geometry: { type: 'Point', coordinates: [6.96, 50.94] },
      properties: {
        id: 'u1',
        callsign: 'K 11/12',
        status: 3,
        kind: 'funkstreifenwagen',
        icon: 'unit-arrow-3',
        heading: 90,
        stale: false,
        sub: 'FuStW',
        slot: 0,
      },
    });
  });

  it('a unit without heading is a dot, persons and helicopters keep their shape', () => {
    expect(
      unitFeature(unit({ position: { lat: 1, lon: 2, time: T0 } }), T0, STALE, 'de')?.properties.icon,
    ).toBe('unit-dot-3');
    expect(unitFeature(unit({ kind: 'fussstreife', status: 0 }), T0, STALE, 'de')?.properties.icon).toBe(
      'unit-person-0',
    );
    expect(unitFeature(unit({ kind: 'hubschrauber', status: 5 }), T0, STALE, 'en')?.properties).toMatchObject(
      {
        icon: 'unit-heli-5',
        sub: 'Heli',
      },
    );
  });

  it('a stale unit is flagged and shows the age of its last fix', () => {
    const f = unitFeature(unit(), T0 + 3 * 60_000 + 5000, STALE, 'de');
    expect(f?.properties).toMatchObject({ stale: true, sub: 'FuStW · 3 min' });
  });

  it('a unit without position has no feature', () => {
    expect(unitFeature(unit({ position: undefined }), T0, STALE, 'de')).toBeNull();
  });
});

describe('incident features', () => {
  it('show priority, the call type (code and readable name) and whether a unit is assigned', () => {
    expect(incidentFeature(incident(), 'de')?.properties).toEqual({
      id: 'i1',
      number: 'E-26-0001',
      priority: 1,
      type: 'verkehrsunfall',
      icon: 'incident-1',
      short: 'VU',
      name: 'Verkehrsunfall',
      unassigned: true,
    });
    expect(incidentFeature(incident({ units: ['u1'], priority: 3 }), 'en')?.properties).toMatchObject({
      icon: 'incident-3',
      short: 'TA',
      name: 'Traffic accident',
      unassigned: false,
    });
  });

  it('closed incidents are not drawn', () => {
    expect(incidentFeature(incident({ state: 'abgeschlossen' }), 'de')).toBeNull();
  });
});

describe('trails and bounds', () => {
  it('a trail needs two points', () => {
    expect(trailFeature('u1', [{ lon: 1, lat: 2, time: 0 }])).toBeNull();
    expect(
      trailFeature('u1', [
        { lon: 1, lat: 2, time: 0 },
        { lon: 3, lat: 4, time: 1 },
      ])?.geometry,
    ).toEqual({
      type: 'LineString',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('bounds cover positioned units and open incidents only', () => {
    const units = [
      unit(),
      unit({ id: 'u2', position: { lat: 51.1, lon: 7.2, time: T0 } }),
      unit({ id: 'u3', position: undefined }),
    ];
    const incidents = [
      incident(),
      incident({ id: 'i2', state: 'abgeschlossen', location: { lat: 0, lon: 0 } }),
    ];
    expect(boundsOf(units, incidents)).toEqual([6.95, 50.93, 7.2, 51.1]);
    expect(boundsOf([], [])).toBeNull();
  });
});

describe('UnitDiffer', () => {
  it('sends new and changed units as whole features and removes vanished ones', () => {
    const d = new UnitDiffer();
    const a = unit();
    const b = unit({ id: 'u2', callsign: 'K 11/13' });
    const first = d.diff({ u1: a, u2: b }, T0, STALE, 'de');
    expect(first?.add?.map((f) => f.id)).toEqual(['u1', 'u2']);
    expect(d.diff({ u1: a, u2: b }, T0, STALE, 'de')).toBeNull();

    const moved = { ...a, position: { lat: 50.95, lon: 6.97, heading: 180, time: T0 + 1000 } };
    const second = d.diff({ u1: moved, u2: b }, T0 + 1000, STALE, 'de');
    expect(second?.remove).toEqual([]);
    expect(second?.add).toEqual([unitFeature(moved, T0 + 1000, STALE, 'de')]);

    const third = d.diff({ u1: { ...moved, status: 4 as const }, u2: b }, T0 + 1000, STALE, 'de');
    expect(third?.add?.[0]?.properties).toMatchObject({ id: 'u1', icon: 'unit-arrow-4' });

    expect(d.diff({ u2: b }, T0 + 1000, STALE, 'de')).toEqual({ add: [], remove: ['u1'] });
    expect(d.size).toBe(1);
  });

  it('rebuilds every unit on request (language change)', () => {
    const d = new UnitDiffer();
    const units = { u1: unit() };
    d.diff(units, T0, STALE, 'de');
    const all = d.diff(units, T0, STALE, 'en', true);
    expect(all?.add?.[0]?.properties).toMatchObject({ sub: 'Patrol' });
  });

  it('refreshes staleness and fix age as time passes, only for units whose label changed', () => {
    const d = new UnitDiffer();
    d.diff(
      { u1: unit(), u2: unit({ id: 'u2', position: { lat: 1, lon: 1, time: T0 + 120_000 } }) },
      T0,
      STALE,
      'de',
    );
    expect(d.refreshAges(T0 + 30_000, STALE, 'de')).toBeNull();
    const refreshed = d.refreshAges(T0 + 61_000, STALE, 'de');
    expect(refreshed?.add?.map((f) => [f.id, f.properties?.['stale'], f.properties?.['sub']])).toEqual([
      ['u1', true, 'FuStW · 1 min'],
    ]);
    expect(d.refreshAges(T0 + 65_000, STALE, 'de')).toBeNull();
  });
});

describe('push interval', () => {
  it('patches small sources every frame and spaces large ones out, never beyond a second by size', () => {
    expect(pushIntervalMs(50, 0.1)).toBe(10);
    expect(pushIntervalMs(1000, 0.1)).toBe(200);
    expect(pushIntervalMs(5000, 0.1)).toBe(1000);
    expect(pushIntervalMs(50_000, 0.1)).toBe(1000);
  });

  it('holds movements that could not be seen at this zoom, at most 5 s', () => {
    const z9 = metresPerPixel(9, 51);
    expect(z9).toBeCloseTo(96.4, 0);
    expect(pushIntervalMs(80, z9)).toBeCloseTo(z9 / 0.03, 6);
    expect(pushIntervalMs(80, metresPerPixel(3, 51))).toBe(5000);
    expect(pushIntervalMs(80, metresPerPixel(18, 51))).toBe(16);
  });

  it('status changes, new and vanished units are urgent; moves are not', () => {
    const d = new UnitDiffer();
    const a = unit();
    d.diff({ u1: a }, T0, STALE, 'de');
    expect(d.hasUrgentChange({ u1: a })).toBe(false);
    expect(d.hasUrgentChange({ u1: { ...a, position: { lat: 1, lon: 2, time: T0 + 1 } } })).toBe(false);
    expect(d.hasUrgentChange({ u1: { ...a, status: 4 } })).toBe(true);
    expect(d.hasUrgentChange({ u1: a, u2: unit({ id: 'u2' }) })).toBe(true);
    expect(d.hasUrgentChange({ u1: a, u3: unit({ id: 'u3', position: undefined }) })).toBe(false);
    expect(d.hasUrgentChange({})).toBe(true);
  });
});
