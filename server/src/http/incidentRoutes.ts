/**
 * GET /api/v1/incidents/:id/events — one incident's history, redacted for the viewer like the live
 * picture — and GET /api/v1/stats/incidents — incidents opened per hour and per call type.
 */
import { ID_PATTERN } from '#shared/schemas';
import { redactEvent, type ViewPolicy } from '#shared/redact';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import { HOUR_MS, incidentHistory, incidentStats } from '../incidentHistory.ts';
import { MAX_SAMPLES, availabilitySeries } from '../availability.ts';
import { HttpError } from './respond.ts';
import { intParam, timeParam } from './params.ts';

/** At most a week of hourly buckets per stats request. */
export const MAX_STATS_WINDOW_MS = 7 * 24 * HOUR_MS;

export function isIncidentRoute(route: string): boolean {
  return route.startsWith('/incidents/') || route === '/stats/incidents' || route === '/stats/availability';
}

function statsWindow(url: URL): { from: number; to: number } {
  const from = timeParam(url, 'from');
  const to = timeParam(url, 'to');
  if (to <= from) throw new HttpError(400, 'to must be after from');
  if (to - from > MAX_STATS_WINDOW_MS) throw new HttpError(400, 'the window may span at most 7 days');
  return { from, to };
}

export function incidentRoute(db: Db, lage: Lage, route: string, url: URL, policy: ViewPolicy): unknown {
  if (route === '/stats/incidents') {
    const { from, to } = statsWindow(url);
    return { ...incidentStats(db, from, to), seq: lage.seq };
  }
  if (route === '/stats/availability') {
    const { from, to } = statsWindow(url);
    const stepMs = intParam(url, 'step', 300, 10, 86_400) * 1000;
    if ((to - from) / stepMs > MAX_SAMPLES)
      throw new HttpError(400, `at most ${MAX_SAMPLES} samples: choose a longer step or a shorter window`);
    const samples = availabilitySeries({ db, log: lage.log, snapshots: lage.snapshots }, from, to, stepMs);
    return { from, to, stepMs, seq: lage.seq, samples };
  }
  const m = /^\/incidents\/([^/]+)\/events$/.exec(route);
  if (!m) throw new HttpError(404, `no such API route: /api/v1${route}`);
  const id = decodeURIComponent(m[1] ?? '');
  if (!ID_PATTERN.test(id))
    throw new HttpError(400, 'incident id must be 1-64 characters of A-Z a-z 0-9 . _ : -');
  const history = incidentHistory(db, id);
  if (!history) throw new HttpError(404, `unknown incident "${id}"`);
  // A viewer limited to some districts learns nothing about incidents outside them, not even that
  // they exist: the same answer as for an unknown id (as redactIncident rules for the picture).
  const opened = history.events.find((e) => e.type === 'incident.opened');
  const district =
    lage.picture.incidents[id]?.district ??
    (opened?.type === 'incident.opened' ? opened.incident.district : undefined);
  if (policy.districts && district !== undefined && !policy.districts.includes(district))
    throw new HttpError(404, `unknown incident "${id}"`);
  const unitOf = (unitId: string) => lage.picture.units[unitId];
  const events = history.events.flatMap((e) => redactEvent(e, policy, unitOf) ?? []);
  return { incidentId: id, seq: lage.seq, truncated: history.truncated, events };
}
