/**
 * The unit board's pure logic: counts per FMS status, units grouped by status (longest in status
 * first), time-in-status levels against the configured thresholds, and the flat row list the
 * windowed list draws.
 */
import { FMS_STATUSES, type FmsStatus, type Unit } from '#shared/domain';
import type { Thresholds } from '../../stores/settingsStore.ts';
import { unitMatches, type Filter } from '../../stores/filters.ts';
export { formatTimer } from '../../components/format.ts';

/** Emergencies and speech requests first, then the units at work, then the free ones. */
export const BOARD_ORDER: readonly FmsStatus[] = [0, 5, 3, 4, 1, 2, 6, 7, 8, 9];

export type TimerLevel = 'none' | 'amber' | 'red';

export function timerLevel(msInStatus: number, t: Thresholds | null | undefined): TimerLevel {
  if (!t) return 'none';
  if (msInStatus >= t.redMin * 60_000) return 'red';
  if (msInStatus >= t.amberMin * 60_000) return 'amber';
  return 'none';
}

export type StatusCounts = Record<FmsStatus, number>;

export function statusCounts(units: Iterable<Unit>): StatusCounts {
  const c = Object.fromEntries(FMS_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const u of units) c[u.status]++;
  return c;
}

export interface BoardGroup {
  status: FmsStatus;
  units: Unit[];
}

const byTimeInStatus = (a: Unit, b: Unit): number =>
  a.statusSince - b.statusSince || a.callsign.localeCompare(b.callsign, 'de');

/** Non-empty groups in BOARD_ORDER; within a group the unit longest in its status comes first. */
export function groupByStatus(units: Iterable<Unit>, filter: Filter): BoardGroup[] {
  const groups = new Map<FmsStatus, Unit[]>();
  for (const u of units) {
    if (!unitMatches(u, filter)) continue;
    let g = groups.get(u.status);
    if (!g) groups.set(u.status, (g = []));
    g.push(u);
  }
  return BOARD_ORDER.flatMap((status) => {
    const g = groups.get(status);
    return g ? [{ status, units: g.sort(byTimeInStatus) }] : [];
  });
}

export type BoardRow = { kind: 'header'; status: FmsStatus; count: number } | { kind: 'unit'; unit: Unit };

/** Header + unit rows, with the units of collapsed groups left out. */
export function boardRows(groups: readonly BoardGroup[], collapsed: ReadonlySet<FmsStatus>): BoardRow[] {
  const rows: BoardRow[] = [];
  for (const g of groups) {
    rows.push({ kind: 'header', status: g.status, count: g.units.length });
    if (!collapsed.has(g.status)) for (const unit of g.units) rows.push({ kind: 'unit', unit });
  }
  return rows;
}
