/**
 * The live picture over HTTP: GET /api/v1/health, the snapshot and pages of the event log (a
 * dashboard's or gateway's resync), redacted per caller.
 */
import { isStale } from '#shared/picture';
import { own } from '#shared/idMap';
import { redactEvent, redactPicture, type ViewPolicy } from '#shared/redact';
import type { Lage } from '../lage.ts';
import { eventLookup } from '../store/incidentDistricts.ts';
import { sendJson } from './respond.ts';
import { intParam } from './params.ts';
import { READ, route } from './route.ts';
import { viewOf } from './view.ts';

const MAX_EVENTS_PAGE = 10_000;

export const LIVE_ROUTES = [
  route({
    id: 'health',
    path: '/api/v1/health',
    methods: READ,
    access: 'public',
    summary: 'whether the server is well (http/health.ts)',
    handle: ({ res, deps }) => sendJson(res, 200, deps.health()),
  }),
  // Gateways may resync with their ingest token; they get the picture as a wall sees it.
  route({
    id: 'snapshot',
    path: '/api/v1/snapshot',
    methods: READ,
    access: ['live.read', 'ingest.write'],
    summary: 'the current picture, redacted for the caller',
    handle: ({ req, res, deps }) => {
      const view = viewOf(req, deps.audit, 'snapshot');
      sendJson(res, 200, snapshotBody(deps.lage, deps.config.staleAfterMs, view));
    },
  }),
  route({
    id: 'events',
    path: '/api/v1/events',
    methods: READ,
    access: ['events.read', 'ingest.write'],
    summary: 'a page of the event log from a sequence number',
    query: (url) => ({
      fromSeq: intParam(url, 'fromSeq', 1, 0),
      limit: Math.min(intParam(url, 'limit', 1000, 1), MAX_EVENTS_PAGE),
    }),
    handle: ({ req, res, deps: { lage, audit }, query: { fromSeq, limit } }) => {
      const view = viewOf(req, audit, 'events');
      const page = lage.log.page(fromSeq, limit);
      const lookup = eventLookup(lage.log.db, (id) => own(lage.picture.units, id));
      sendJson(res, 200, {
        events: page.events.flatMap((e) => redactEvent(e, view, lookup) ?? []),
        nextSeq: page.next ?? Math.max(fromSeq, 1),
        lastSeq: lage.seq,
      });
    },
  }),
];

export function snapshotBody(lage: Lage, staleAfterMs: number, view: ViewPolicy) {
  const now = Date.now();
  const p = redactPicture(lage.picture, view);
  return {
    seq: p.seq,
    time: now,
    staleAfterMs,
    units: Object.values(p.units).map((u) => ({ ...u, stale: isStale(u, now, staleAfterMs) })),
    incidents: Object.values(p.incidents),
  };
}
