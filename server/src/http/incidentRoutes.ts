/**
 * GET /api/v1/incidents/:id/events — one incident's history, redacted for the viewer like the live
 * picture — GET /api/v1/stats/incidents — incidents opened per hour and per call type — and
 * GET /api/v1/stats/response-times — call to dispatch and to first unit on scene (responseTimes.ts).
 * The replay view asks them with `t` (history: only what the log held at T) and, for an imported
 * dataset, `dataset` (that dataset is the source; reading it needs replay.read, datasets.ts).
 */
import { ID_PATTERN } from '#shared/schemas';
import type { Unit } from '#shared/domain';
import { incidentInView, redactEvent, type ViewPolicy } from '#shared/redact';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import { HOUR_MS, incidentHistory, incidentStats } from '../incidentHistory.ts';
import { MAX_SAMPLES, availabilitySeries } from '../availability.ts';
import { responseTimes } from '../responseTimes.ts';
import { seqAt, type ReplaySource } from '../replay/query.ts';
import { eventLookup } from '../store/incidentDistricts.ts';
import { HttpError, sendJson } from './respond.ts';
import { READ, route, type RouteContext } from './route.ts';
import { viewOf } from './view.ts';
import { LIVE_TIME_ZONE } from './datasets.ts';
import {
  callTypesParam,
  intParam,
  prioritiesParam,
  timeParam,
  timeWindow,
  WINDOW_MAX_DAYS,
} from './params.ts';

/** At most a week of hourly buckets per stats request. */
export const MAX_STATS_WINDOW_MS = WINDOW_MAX_DAYS.stats * 24 * HOUR_MS;

/**
 * Read like the live picture: redacted per principal (access live.read). With `dataset`: an
 * imported dataset, for the replay view of it (needs replay.read, audited as a replay).
 */
function incidents({ req, res, url, deps }: RouteContext): void {
  const dataset = deps.datasets.datasetFor(req, url);
  const view = dataset?.policy ?? viewOf(req, deps.audit, 'incident history');
  const path = url.pathname.slice('/api/v1'.length);
  sendJson(res, 200, incidentRoute(deps.db, deps.lage, path, url, view, dataset?.source));
}

const read = (id: string, path: string, summary: string) =>
  route({ id, path, methods: READ, access: 'live.read', summary, handle: incidents });

export const INCIDENT_ROUTES = [
  read('incidents', '/api/v1/incidents/*', "one incident's history (`/api/v1/incidents/:id/events`)"),
  read('stats.incidents', '/api/v1/stats/incidents', 'incidents opened per hour and per call type'),
  read('stats.availability', '/api/v1/stats/availability', 'units available over time, by FMS category'),
  read('stats.response-times', '/api/v1/stats/response-times', 'call to dispatch and to first unit on scene'),
];

/** A log the routes read besides the live one: an imported dataset, with its registered units. */
export type IncidentSource = ReplaySource & {
  unitOf(id: string): Unit | undefined;
  /** The zone its times without an offset are read in (the dataset's; the control room's live). */
  timeZone: string;
};

export function incidentRoute(
  db: Db,
  lage: Lage,
  route: string,
  url: URL,
  policy: ViewPolicy,
  dataset?: IncidentSource,
): unknown {
  const src: IncidentSource = dataset ?? {
    db,
    log: lage.log,
    snapshots: lage.snapshots,
    clock: 'received',
    unitOf: (unitId) => lage.picture.units[unitId],
    timeZone: LIVE_TIME_ZONE,
  };
  const statsWindow = (url: URL) => timeWindow(url, 'stats', src.timeZone);
  const seq = dataset ? dataset.log.lastSeq : lage.seq;
  if (route === '/stats/incidents') {
    const { from, to } = statsWindow(url);
    return { ...incidentStats(src.db, from, to, policy), seq };
  }
  if (route === '/stats/availability') {
    const { from, to } = statsWindow(url);
    const stepMs = intParam(url, 'step', 300, 10, 86_400) * 1000;
    if ((to - from) / stepMs > MAX_SAMPLES)
      throw new HttpError(400, `at most ${MAX_SAMPLES} samples: choose a longer step or a shorter window`);
    const samples = availabilitySeries(src, from, to, stepMs, policy);
    return { from, to, stepMs, seq, samples };
  }
  if (route === '/stats/response-times') {
    const { from, to } = statsWindow(url);
    const types = callTypesParam(url, 'types');
    const priorities = prioritiesParam(url, 'priority');
    return {
      ...responseTimes(src.db, from, to, policy, {
        ...(types ? { types } : {}),
        ...(priorities ? { priorities } : {}),
      }),
      seq,
    };
  }
  const m = /^\/incidents\/([^/]+)\/events$/.exec(route);
  if (!m) throw new HttpError(404, `no such API route: /api/v1${route}`);
  const id = decodeURIComponent(m[1] ?? '');
  if (!ID_PATTERN.test(id))
    throw new HttpError(400, 'incident id must be 1-64 characters of A-Z a-z 0-9 . _ : -');
  // `t` (the replay view at T): only the events of the picture at T, the prefix of the log up to
  // seqAt(T) on its replay clock (the live log's receive time, a dataset's event time).
  const toSeq = url.searchParams.has('t') ? seqAt(src, timeParam(url, 't', src.timeZone)) : undefined;
  const history = incidentHistory(src.db, id, toSeq);
  if (!history) throw new HttpError(404, `unknown incident "${id}"`);
  // A viewer limited to some districts learns nothing about incidents outside them, not even that
  // they exist: the same answer as for an unknown id (as redactIncident rules for the picture).
  const opened = history.events.find((e) => e.type === 'incident.opened');
  const district =
    (dataset ? undefined : lage.picture.incidents[id]?.district) ??
    (opened?.type === 'incident.opened' ? opened.incident.district : undefined);
  if (!incidentInView(policy, district)) throw new HttpError(404, `unknown incident "${id}"`);
  const lookup = eventLookup(src.db, (u) => src.unitOf(u));
  const events = history.events.flatMap((e) => redactEvent(e, policy, lookup) ?? []);
  return { incidentId: id, seq: toSeq ?? seq, truncated: history.truncated, events };
}
