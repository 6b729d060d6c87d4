import type { IncomingMessage, ServerResponse } from 'node:http';
import { INGEST_KINDS, type IngestKind } from '#shared/schemas';
import { isStale } from '#shared/picture';
import type { Lage } from '../lage.ts';
import type { ServerConfig } from '../config.ts';
import { bearer, ingest, tokenMatches, type RateLimiter } from '../ingest/ingest.ts';
import { HttpError, readJson, sendJson } from './respond.ts';
import { intParam, numParam } from './params.ts';
import type { Geo } from '../geo/geo.ts';
import { heatmapResponse } from './heatmapRoutes.ts';
import { incidentRoute, isIncidentRoute } from './incidentRoutes.ts';
import { FULL_VIEW } from '#shared/redact';
import type { Db } from '../store/db.ts';
import type { ReplayRoutes } from './replayRoutes.ts';

const MAX_EVENTS_PAGE = 10_000;

export interface ApiDeps {
  lage: Lage;
  db: Db;
  replay: ReplayRoutes;
  geo: Geo;
  config: ServerConfig;
  limiter: RateLimiter;
}

/** Handles /api/v1/*; throws HttpError for anything it refuses. */
export async function handleApi(
  deps: ApiDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { lage } = deps;
  const route = url.pathname.slice('/api/v1'.length);
  if (route === '/health') {
    requireMethod(req, 'GET');
    return sendJson(res, 200, { status: 'ok', seq: lage.seq });
  }
  if (route === '/snapshot') {
    requireMethod(req, 'GET');
    return sendJson(res, 200, snapshotBody(lage, deps.config.staleAfterMs));
  }
  if (route === '/events') {
    requireMethod(req, 'GET');
    const fromSeq = intParam(url, 'fromSeq', 1, 0);
    const limit = Math.min(intParam(url, 'limit', 1000, 1), MAX_EVENTS_PAGE);
    const events = lage.log.read(fromSeq, limit);
    const last = events[events.length - 1];
    return sendJson(res, 200, {
      events,
      nextSeq: last ? last.seq + 1 : Math.max(fromSeq, 1),
      lastSeq: lage.seq,
    });
  }
  if (route === '/geocode/reverse') {
    requireMethod(req, 'GET');
    const lat = numParam(url, 'lat', -90, 90);
    const lon = numParam(url, 'lon', -180, 180);
    const hit = deps.geo.reverse(lat, lon);
    if (!hit) throw new HttpError(404, 'no street known within 150 m of that point');
    return sendJson(res, 200, hit);
  }
  if (route.startsWith('/replay/')) {
    requireMethod(req, 'GET');
    if (route === '/replay/export') return deps.replay.export(req, res, url);
    return sendJson(res, 200, deps.replay.handle(route, url, req));
  }
  if (route === '/heatmap' || route === '/heatmap/compare') {
    requireMethod(req, 'GET');
    return sendJson(res, 200, heatmapResponse(deps.db, route, url));
  }
  if (isIncidentRoute(route)) {
    requireMethod(req, 'GET');
    // Read like the live picture; until sign-in exists every reader gets the operator's full view.
    return sendJson(res, 200, incidentRoute(deps.db, lage, route, url, FULL_VIEW));
  }
  const m = /^\/ingest\/([a-z]+)$/.exec(route);
  if (m && (INGEST_KINDS as readonly string[]).includes(m[1] ?? '')) {
    requireMethod(req, 'POST');
    if (!tokenMatches(bearer(req.headers.authorization), deps.config.ingestToken)) {
      req.resume();
      throw new HttpError(401, 'missing or wrong ingest token (Authorization: Bearer <token>)');
    }
    if (!deps.limiter.take(req.socket.remoteAddress ?? '?')) {
      req.resume();
      throw new HttpError(429, 'too many requests; slow down');
    }
    const body = await readJson(req, deps.config.maxBodyBytes);
    const ack = ingest(lage, m[1] as IngestKind, body, 'ingest', deps.config.maxItemsPerRequest);
    if (ack.ok) return sendJson(res, 202, { accepted: ack.accepted, seq: ack.seq });
    return sendJson(res, ack.status, { error: ack.error, ...(ack.items ? { items: ack.items } : {}) });
  }
  throw new HttpError(404, `no such API route: ${url.pathname}`);
}

export function snapshotBody(lage: Lage, staleAfterMs: number) {
  const now = Date.now();
  const p = lage.picture;
  return {
    seq: p.seq,
    time: now,
    staleAfterMs,
    units: Object.values(p.units).map((u) => ({ ...u, stale: isStale(u, now, staleAfterMs) })),
    incidents: Object.values(p.incidents),
  };
}

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
    req.resume();
    throw new HttpError(405, `use ${method} for this route`);
  }
}
