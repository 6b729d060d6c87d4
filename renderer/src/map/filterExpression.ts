/**
 * The operator's filters as MapLibre filter expressions, equivalent to the list predicates in
 * stores/filters.ts (a test checks both agree on the same features). FMS status is a feature
 * property and filters by value; district, kind and call type are not on the features, so they
 * become the list of matching ids, which changes only when units or incidents come and go.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Incident, Unit } from '#shared/domain';
import { incidentMatches, unitMatches, type Filter } from '../stores/filters.ts';

const within = (prop: string, values: readonly (string | number)[]): ExpressionSpecification => [
  'in',
  ['get', prop],
  ['literal', [...values]],
];

export function unitFilterExpression(f: Filter, units: Iterable<Unit>): ExpressionSpecification | null {
  const parts: ExpressionSpecification[] = [];
  if (f.statuses.length) parts.push(within('status', f.statuses));
  if (f.districts.length || f.kinds.length) {
    const ids: string[] = [];
    for (const u of units) {
      // Status is filtered by the expression above; district and kind by the lists' own rule.
      if (unitMatches(u, { ...f, statuses: [] })) ids.push(u.id);
    }
    parts.push(within('id', ids.sort()));
  }
  return combine(parts);
}

export function incidentFilterExpression(
  f: Filter,
  incidents: Iterable<Incident>,
): ExpressionSpecification | null {
  if (!f.districts.length && !f.types.length) return null;
  const ids: string[] = [];
  for (const i of incidents) if (incidentMatches(i, f)) ids.push(i.id);
  return within('id', ids.sort());
}

function combine(parts: ExpressionSpecification[]): ExpressionSpecification | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as ExpressionSpecification) : ['all', ...parts];
}

/** The layer's own filter with the operator's filter added (both must pass). */
export function withBase(
  base: ExpressionSpecification | null | undefined,
  extra: ExpressionSpecification | null,
): ExpressionSpecification | null {
  if (!extra) return base ?? null;
  return base ? ['all', base, extra] : extra;
}
