/**
 * Replay API: the picture at any time T and the events of a period, from the live log or from an
 * imported dataset (never mixed; datasets.ts). Exports of a period are exportRoute.ts. Positions in
 * event pages travel as the same compact tuples as live batches.
 */
import type { IncomingMessage } from 'node:http';
import { encodeBatch } from '#shared/wire';
import {
  FULL_VIEW,
  policyKey,
  redactEvent,
  redactIncident,
  redactPicture,
  type ViewPolicy,
} from '#shared/redact';
import { ID_PATTERN, type LageEvent } from '#shared/schemas';
import { listDatasets } from '../replay/dataset.ts';
import { clockRange } from '../replay/clock.ts';
import { activity, MAX_BUCKETS } from '../replay/activity.ts';
import { findIncidentInLog, incidentsOpenedIn, markerOf } from '../replay/incidents.ts';
import { countsPerDay, eventsInRange, pictureAt } from '../replay/query.ts';
import { refuse } from '../security/routes.ts';
import { HttpError, sendJson } from './respond.ts';
import { intParam, timeParam, timeWindow } from './params.ts';
import type { Datasets, NamedSource } from './datasets.ts';
import { eventLookup } from '../store/incidentDistricts.ts';
import { READ, route } from './route.ts';

export const MAX_PAGE = 100_000;

export const REPLAY_ROUTES = [
  route({
    id: 'replay',
    path: '/api/v1/replay/*',
    methods: READ,
    access: 'replay.read',
    summary: 'the picture at T, event pages, incidents and counts of a period, the datasets',
    handle: ({ req, res, url, deps }) =>
      sendJson(res, 200, replayAnswer(deps.datasets, url.pathname.slice('/api/v1'.length), url, req)),
  }),
];

/** The JSON routes under /api/v1/replay/ (`route`: the path after /api/v1). */
export function replayAnswer(datasets: Datasets, route: string, url: URL, req: IncomingMessage): unknown {
  const { actor, policy } = datasets.caller(req, 'replay.read');
  const recordView = (source: NamedSource, from: number, to: number) =>
    datasets.recordView(actor, source, from, to, url, policy);
  if (route === '/replay/datasets') {
    const { datasets: list, problems } = listDatasets(datasets.dataDir);
    return {
      live: clockRange(datasets.liveSource()),
      datasets: list,
      problems,
      staleAfterMs: datasets.staleAfterMs,
    };
  }
  const source = datasets.source(url.searchParams.get('dataset') ?? 'live');
  if (route === '/replay/picture') {
    const t = timeParam(url, 't', source.timeZone);
    recordView(source, t, t);
    const picture = pictureAt(source, t);
    return { t, seq: picture.seq, clock: source.clock, picture: redactPicture(picture, policy) };
  }
  if (route === '/replay/events') {
    const { from, to } = timeWindow(url, 'replay', source.timeZone);
    const limit = intParam(url, 'limit', 10_000, 1, MAX_PAGE);
    const afterSeq = intParam(url, 'afterSeq', 0, 0);
    recordView(source, from, to);
    return eventPage(source, from, to, limit, afterSeq, policy);
  }
  if (route === '/replay/incidents') {
    // Every incident called in the period, for the timeline's markers (incidents.ts).
    const { from, to } = timeWindow(url, 'replay', source.timeZone);
    recordView(source, from, to);
    const incidents = incidentsOpenedIn(source, from, to).flatMap((o) => {
      const incident = redactIncident(o.incident, policy);
      return incident ? [{ incident, at: o.at }] : [];
    });
    return { from, to, clock: source.clock, incidents: incidents.map(markerOf) };
  }
  if (route === '/replay/incident') {
    // "Replay incident N" without a period: the incident by id or number and its period.
    const key = url.searchParams.get('key') ?? '';
    if (!ID_PATTERN.test(key))
      throw new HttpError(400, 'key (incident id or number) must be 1-64 characters of A-Z a-z 0-9 . _ : -');
    const found = findIncidentInLog(source, key);
    const incident = found && redactIncident(found.incident, policy);
    // A viewer limited to some districts learns nothing about incidents outside them.
    if (!found || !incident) throw new HttpError(404, `unknown incident "${key}"`);
    recordView(source, found.from, found.to);
    return { clock: source.clock, from: found.from, to: found.to, incident };
  }
  if (route === '/replay/counts') {
    // Counts of every event of the source would tell a district-limited caller about the others'
    // units and incidents; the replay view then draws its sparkline from the (filtered) markers.
    if (policy.districts) refuse(req, 'counts of a whole source are for callers without a district limit');
    // With a period: events per time bucket of it (the replay timeline's sparkline), any source.
    if (url.searchParams.has('buckets')) {
      const { from, to } = timeWindow(url, 'replay', source.timeZone);
      const n = intParam(url, 'buckets', 100, 1, MAX_BUCKETS);
      return { from, to, clock: source.clock, buckets: activity(source, from, to, n) };
    }
    const ds = datasets.datasetOf(source);
    if (!ds) throw new HttpError(400, 'counts per day are available for imported datasets, not the live log');
    return { days: countsPerDay(ds) };
  }
  throw new HttpError(404, `no such API route: /api/v1${route}`);
}

function eventPage(
  source: NamedSource,
  from: number,
  to: number,
  limit: number,
  afterSeq: number,
  policy: ViewPolicy,
) {
  const page = eventsInRange(source, from, to, { limit, afterSeq });
  let visible: LageEvent[] = page.events;
  if (policyKey(policy) !== policyKey(FULL_VIEW)) {
    visible = [];
    const lookup = eventLookup(source.db, (id) => source.unitOf(id));
    for (const e of page.events) {
      const r = redactEvent(e, policy, lookup);
      if (r) visible.push(r);
    }
  }
  const { events, positions } = encodeBatch({ from: 1, to: 0, now: 0, events: visible });
  return {
    from,
    to,
    clock: source.clock,
    events,
    positions,
    // Positions travel without their received time; for the live log (clock "received") the
    // replay clock of each run of events: [[first seq of the run, received], …].
    ...(source.clock === 'received' ? { received: receivedRuns(page.events) } : {}),
    nextAfterSeq: page.nextAfterSeq ?? null,
  };
}

function receivedRuns(events: readonly LageEvent[]): [number, number][] {
  const runs: [number, number][] = [];
  let last: number | undefined;
  for (const e of events) {
    if (e.received !== last) runs.push([e.seq, e.received]);
    last = e.received;
  }
  return runs;
}
