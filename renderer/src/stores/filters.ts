/**
 * The operator's filters (district, unit kind, FMS status, call type) as pure predicates. The
 * lists use these; the map layers use the equivalent MapLibre expressions (map/filterExpression.ts),
 * which a test checks against these predicates, so map and lists always show the same things.
 */
import type { CallType, FmsStatus, Incident, Unit, UnitKind } from '#shared/domain';

export interface Filter {
  /** Empty means every value passes. */
  districts: readonly string[];
  kinds: readonly UnitKind[];
  statuses: readonly FmsStatus[];
  types: readonly CallType[];
}

export const NO_FILTER: Filter = { districts: [], kinds: [], statuses: [], types: [] };

const passes = <T>(allowed: readonly T[], value: T | undefined): boolean =>
  allowed.length === 0 || (value !== undefined && allowed.includes(value));

/**
 * The district filter's entry for incidents (and units) without a district: "ohne Bereich". With a
 * district chosen they would otherwise vanish from the map and the lists without a trace.
 */
export const NO_DISTRICT = '';
const districtPasses = (allowed: readonly string[], district: string | undefined): boolean =>
  passes(allowed, district || NO_DISTRICT);

export const unitMatches = (u: Unit, f: Filter): boolean =>
  districtPasses(f.districts, u.district) && passes(f.kinds, u.kind) && passes(f.statuses, u.status);

/** Incidents have no kind or FMS status: only district and call type apply to them. */
export const incidentMatches = (i: Incident, f: Filter): boolean =>
  districtPasses(f.districts, i.district) && passes(f.types, i.type);

export const isFilterActive = (f: Filter): boolean =>
  f.districts.length + f.kinds.length + f.statuses.length + f.types.length > 0;

/** Adds the value to the list, or removes it if present. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/**
 * The filter menu's districts: the region's (from the server's district polygons) and any other
 * district a unit or incident names, sorted; NO_DISTRICT ("ohne Bereich") last when anything lacks one.
 */
export function districtsOf(
  units: Iterable<Unit>,
  incidents: Iterable<Incident>,
  region: readonly string[] = [],
): string[] {
  const set = new Set<string>(region);
  let without = false;
  for (const u of units)
    if (u.district) set.add(u.district);
    else without = true;
  for (const i of incidents)
    if (i.district) set.add(i.district);
    else without = true;
  const named = [...set].sort((a, b) => a.localeCompare(b, 'de'));
  return without ? [...named, NO_DISTRICT] : named;
}
