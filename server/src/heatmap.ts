/**
 * Incident heatmaps, aggregated on the server from the incident index of the event log, so a week
 * of incidents never has to travel to (or be folded by) a dashboard.
 */
import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import type { CallType } from '#shared/domain';
import type { ViewPolicy } from '#shared/redact';
import type { Db } from './store/db.ts';
import { incidentDistrictCondition } from './store/districtFilter.ts';

export interface IncidentPoint {
  time: number;
  type: CallType;
  priority: number;
  lat: number;
  lon: number;
}

export interface Window {
  from: number;
  to: number;
  types?: readonly CallType[];
}

/** Above this many incidents the heat layer gets weighted cell centres instead of single points. */
export const MAX_POINTS = 20_000;
const POINT_RES = 10;

/** The incidents opened in the window that the viewer sees (a district-limited one: its districts). */
export function incidentsIn(db: Db, w: Window, policy: ViewPolicy): IncidentPoint[] {
  const types = w.types?.length ? w.types : undefined;
  const districts = incidentDistrictCondition(db, policy);
  const sql = `SELECT time, type, priority, lat, lon FROM incident_index WHERE time >= ? AND time < ?${
    types ? ` AND type IN (${types.map(() => '?').join(',')})` : ''
  }${districts.sql} ORDER BY time`;
  return db.prepare(sql).all(w.from, w.to, ...(types ?? []), ...districts.args) as IncidentPoint[];
}

/** Points [lon, lat, weight] for a heat layer. */
export function heatPoints(
  rows: readonly IncidentPoint[],
  maxPoints = MAX_POINTS,
): [number, number, number][] {
  if (rows.length <= maxPoints) return rows.map((r) => [r.lon, r.lat, 1]);
  return hexCounts(rows, POINT_RES).map((c) => [c.center[0], c.center[1], c.count]);
}

export interface HexCell {
  h3: string;
  count: number;
  center: [number, number];
  /** Closed ring of [lon, lat]. */
  boundary: [number, number][];
}

export function hexCounts(rows: readonly IncidentPoint[], res: number): HexCell[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const cell = latLngToCell(r.lat, r.lon, res);
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return [...counts]
    .map(([h3, count]) => cellOf(h3, count))
    .sort((a, b) => b.count - a.count || a.h3.localeCompare(b.h3));
}

export interface DiffCell extends Omit<HexCell, 'count'> {
  /** Count in the period asked for. */
  a: number;
  /** Count in the period compared against. */
  b: number;
  diff: number;
}

export function compareHex(
  a: readonly IncidentPoint[],
  b: readonly IncidentPoint[],
  res: number,
): DiffCell[] {
  const ca = new Map(hexCounts(a, res).map((c) => [c.h3, c.count]));
  const cb = new Map(hexCounts(b, res).map((c) => [c.h3, c.count]));
  const cells = new Set([...ca.keys(), ...cb.keys()]);
  return [...cells]
    .map((h3) => {
      const { center, boundary } = cellOf(h3, 0);
      const na = ca.get(h3) ?? 0;
      const nb = cb.get(h3) ?? 0;
      return { h3, center, boundary, a: na, b: nb, diff: na - nb };
    })
    .sort((x, y) => Math.abs(y.diff) - Math.abs(x.diff) || x.h3.localeCompare(y.h3));
}

function cellOf(h3: string, count: number): HexCell {
  const [lat, lon] = cellToLatLng(h3);
  const ring = cellToBoundary(h3, true) as [number, number][];
  return { h3, count, center: [lon, lat], boundary: [...ring] };
}
