import { describe, expect, it } from 'vitest';
// MapLibre's own expression evaluator (a dependency of maplibre-gl): the test runs the filters the
// layers get, exactly as the map does, and compares them with the lists' predicates.
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { CALL_TYPES, FMS_STATUSES, UNIT_KINDS, type Incident, type Unit } from '#shared/domain';
import { incidentMatches, NO_DISTRICT, NO_FILTER, unitMatches, type Filter } from '../stores/filters.ts';
import { incidentFilterExpression, unitFilterExpression, withBase } from './filterExpression.ts';
import { incidentFeature, unitFeature } from './features.ts';
import { unit } from '../testing/units.ts';
import { incident } from '../charts/testIncidents.ts';

const T = Date.UTC(2026, 10, 26, 9);
const DISTRICTS = ['Köln-Mitte', 'Köln-Süd', 'Bonn'];
const units: Unit[] = Array.from({ length: 120 }, (_, k) =>
  unit(`u${k}`, FMS_STATUSES[k % 10] ?? 2, T, {
    kind: UNIT_KINDS[k % UNIT_KINDS.length] ?? 'motorrad',
    district: DISTRICTS[k % 3] ?? 'Bonn',
    position: { lat: 50 + k / 1000, lon: 7, time: T },
  }),
);
const incidents: Incident[] = Array.from({ length: 60 }, (_, k) => {
  const district = k % 4 === 3 ? undefined : DISTRICTS[k % 3];
  return incident(
    `i${k}`,
    CALL_TYPES[k % CALL_TYPES.length] ?? 'sonstiges',
    { opened: T },
    district ? { district } : {},
  );
});

const filters: Filter[] = [
  NO_FILTER,
  { ...NO_FILTER, statuses: [0, 5] },
  { ...NO_FILTER, kinds: ['motorrad', 'fussstreife'] },
  { ...NO_FILTER, districts: ['Köln-Süd'] },
  { ...NO_FILTER, types: ['brand', 'raub'] },
  {
    districts: ['Köln-Mitte', 'Bonn'],
    kinds: ['funkstreifenwagen'],
    statuses: [2, 3, 4],
    types: ['einbruch'],
  },
  { ...NO_FILTER, districts: ['Nowhere'] },
  // "ohne Bereich": incidents without a district (every fourth here) stay findable.
  { ...NO_FILTER, districts: [NO_DISTRICT, 'Bonn'] },
];

function passes(expr: ExpressionSpecification | null, properties: object): boolean {
  return featureFilter((expr ?? undefined) as FilterSpecification | undefined, 'test').filter(
    { zoom: 12 },
    { type: 1, properties: properties as Record<string, unknown> },
  );
}

describe('map filter expressions agree with the list predicates', () => {
  it.each(filters.map((f, k) => [k, f] as const))('units, filter %i', (_k, f) => {
    const expr = unitFilterExpression(f, units);
    for (const u of units) {
      const props = unitFeature(u, T, 60_000, 'de')?.properties ?? {};
      expect(passes(expr, props), `${u.id} ${JSON.stringify(f)}`).toBe(unitMatches(u, f));
    }
  });

  it.each(filters.map((f, k) => [k, f] as const))('incidents, filter %i', (_k, f) => {
    const expr = incidentFilterExpression(f, incidents);
    for (const i of incidents) {
      const props = incidentFeature(i, 'de')?.properties ?? {};
      expect(passes(expr, props), `${i.id} ${JSON.stringify(f)}`).toBe(incidentMatches(i, f));
    }
  });

  it('no filter gives no expression, so the layers keep their own filter untouched', () => {
    expect(unitFilterExpression(NO_FILTER, units)).toBeNull();
    expect(incidentFilterExpression(NO_FILTER, incidents)).toBeNull();
    const base: ExpressionSpecification = ['!', ['has', 'point_count']];
    expect(withBase(base, null)).toBe(base);
    expect(withBase(base, ['==', ['get', 'status'], 0])).toEqual(['all', base, ['==', ['get', 'status'], 0]]);
    expect(withBase(undefined, null)).toBeNull();
  });
});
