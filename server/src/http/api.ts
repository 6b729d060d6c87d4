import type { IncomingMessage, ServerResponse } from 'node:http';
import { INGEST_KINDS, type IngestKind } from '#shared/schemas';
import { isStale } from '#shared/picture';
import { own } from '#shared/idMap';
import type { Lage } from '../lage.ts';
import type { ServerConfig } from '../config.ts';
import { submitIngest } from '../ingest/ingest.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import { boundRefusal, ingestTetra, tetraSettingsFor } from '../ingest/tetra.ts';
import { policyFor, redactEvent, redactPicture, type ViewPolicy } from '#shared/redact';
import { can } from '#shared/roles';
import { identityOf } from '../security/routes.ts';
import type { Identity } from '../security/auth.ts';
import type { AuditLog } from '../security/audit.ts';
import { HttpError, readJson, sendJson } from './respond.ts';
import { intParam } from './params.ts';
import { geoRoute, isGeoRoute } from './geoRoutes.ts';
import type { Geo } from '../geo/geo.ts';
import { heatmapResponse } from './heatmapRoutes.ts';
import { eventLookup } from '../store/incidentDistricts.ts';
import { auditRoute, isAuditRoute } from './auditRoutes.ts';
import { incidentRoute, isIncidentRoute } from './incidentRoutes.ts';
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
  audit: AuditLog;
  /** GET /api/v1/health's body (http/health.ts). */
  health: () => object;
}

/**
 * What this request may see of the picture: by role and districts; an ingest device (resync of a
 * gateway) sees it as a wall does. Views that include personal data are audited.
 */
export function viewOf(req: IncomingMessage, audit: AuditLog, target: string): ViewPolicy {
  const identity = identityOf(req) as Identity;
  const { roles, districts, name } = identity.principal;
  const policy =
    can(roles, 'live.read') || can(roles, 'events.read') ? policyFor(roles, districts) : policyFor(['wall']);
  if (policy.personal)
    audit.append({
      actor: name,
      action: 'personal.view',
      target,
      details: { districts: policy.districts ?? 'all' },
    });
  return policy;
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
    return sendJson(res, 200, deps.health());
  }
  if (route === '/snapshot') {
    requireMethod(req, 'GET');
    const view = viewOf(req, deps.audit, 'snapshot');
    return sendJson(res, 200, snapshotBody(lage, deps.config.staleAfterMs, view));
  }
  if (route === '/events') {
    requireMethod(req, 'GET');
    const fromSeq = intParam(url, 'fromSeq', 1, 0);
    const limit = Math.min(intParam(url, 'limit', 1000, 1), MAX_EVENTS_PAGE);
    const view = viewOf(req, deps.audit, 'events');
    const page = lage.log.page(fromSeq, limit);
    const lookup = eventLookup(lage.log.db, (id) => own(lage.picture.units, id));
    return sendJson(res, 200, {
      events: page.events.flatMap((e) => redactEvent(e, view, lookup) ?? []),
      nextSeq: page.next ?? Math.max(fromSeq, 1),
      lastSeq: lage.seq,
    });
  }
  if (isGeoRoute(route)) {
    requireMethod(req, 'GET');
    return geoRoute(deps.geo, req, res, route, url);
  }
  if (isAuditRoute(route))
    return auditRoute({ audit: deps.audit, dataDir: deps.config.dataDir }, req, res, route, url);
  if (route.startsWith('/replay/')) {
    requireMethod(req, 'GET');
    if (route === '/replay/export') return deps.replay.export(req, res, url);
    return sendJson(res, 200, deps.replay.handle(route, url, req));
  }
  if (route === '/heatmap' || route === '/heatmap/compare') {
    requireMethod(req, 'GET');
    // `dataset`: an imported dataset's incidents, for the replay view of that dataset.
    const { db, timeZone } = deps.replay.heatmapSource(req, url.searchParams.get('dataset'));
    // Counts of what the viewer sees (a district-limited viewer: its districts); no personal data.
    const { roles, districts } = (identityOf(req) as Identity).principal;
    const policy = policyFor(roles, districts);
    return sendJson(res, 200, heatmapResponse(db, route, url, policy, timeZone));
  }
  if (isIncidentRoute(route)) {
    requireMethod(req, 'GET');
    // Read like the live picture: redacted per principal (security/routes.ts: live.read). With
    // `dataset`: an imported dataset, for the replay view of it (needs replay.read, audited as a replay).
    const dataset = deps.replay.datasetFor(req, url);
    const view = dataset?.policy ?? viewOf(req, deps.audit, 'incident history');
    return sendJson(res, 200, incidentRoute(deps.db, lage, route, url, view, dataset?.source));
  }
  const m = /^\/ingest\/([a-z]+)$/.exec(route);
  if (m?.[1] === 'tetra') {
    requireMethod(req, 'POST');
    const { name: by, unit } = (identityOf(req) as Identity).principal;
    if (unit !== undefined) {
      req.resume();
      throw new HttpError(403, boundRefusal(by, unit));
    }
    if (!deps.limiter.take(req.socket.remoteAddress ?? '?')) {
      req.resume();
      throw new HttpError(429, 'too many requests; slow down');
    }
    const body = await readJson(req, deps.config.maxBodyBytes);
    const settings = tetraSettingsFor(deps.config);
    const ack = await ingestTetra(lage, body, by, deps.config.maxItemsPerRequest, settings);
    if (!ack.ok && ack.status === 503) res.setHeader('retry-after', '2');
    if (ack.ok) return sendJson(res, 202, { accepted: ack.accepted, seq: ack.seq });
    return sendJson(res, ack.status, { error: ack.error, ...(ack.items ? { items: ack.items } : {}) });
  }
  if (m && (INGEST_KINDS as readonly string[]).includes(m[1] ?? '')) {
    requireMethod(req, 'POST');
    // The gate (security/routes.ts) has checked the token: the principal has ingest.write.
    const { name: by, unit } = (identityOf(req) as Identity).principal;
    if (!deps.limiter.take(req.socket.remoteAddress ?? '?')) {
      req.resume();
      throw new HttpError(429, 'too many requests; slow down');
    }
    const body = await readJson(req, deps.config.maxBodyBytes);
    const ack = await submitIngest(lage, m[1] as IngestKind, body, by, deps.config.maxItemsPerRequest, unit);
    // A failed write (the database restarting): the sender retries, nothing was stored.
    if (!ack.ok && ack.status === 503) res.setHeader('retry-after', '2');
    if (ack.ok) return sendJson(res, 202, { accepted: ack.accepted, seq: ack.seq });
    return sendJson(res, ack.status, { error: ack.error, ...(ack.items ? { items: ack.items } : {}) });
  }
  throw new HttpError(404, `no such API route: ${url.pathname}`);
}

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

function requireMethod(req: IncomingMessage, method: string): void {
  if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
    req.resume();
    throw new HttpError(405, `use ${method} for this route`);
  }
}
