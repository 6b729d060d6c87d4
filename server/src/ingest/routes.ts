/**
 * The JSON ingest API: POST /api/v1/ingest/{units|positions|status|incidents} (ingest.ts) and
 * POST /api/v1/ingest/tetra (tetra.ts). The gate has checked the token: the principal has
 * ingest.write; a device bound to a unit is limited further by each adapter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { INGEST_KINDS } from '#shared/schemas';
import type { IngestAck } from '#shared/wire';
import { identityOf } from '../security/routes.ts';
import type { Identity } from '../security/auth.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import { HttpError, readJson, sendJson } from '../http/respond.ts';
import { route } from '../http/route.ts';
import { GroupCommit } from './groupCommit.ts';
import type { Lage } from '../lage.ts';
import { boundRefusal, ingestTetra, tetraSettingsFor } from './tetra.ts';

const INGEST_401 = 'missing or wrong ingest token (Authorization: Bearer <token>)';

export const INGEST_ROUTES = [
  route({
    id: 'ingest.tetra',
    path: '/api/v1/ingest/tetra',
    methods: ['POST'],
    access: 'ingest.write',
    unauthorized: INGEST_401,
    summary: 'LIP positions and SDS status of a TETRA gateway',
    handle: async ({ req, res, deps: { lage, config, limiter } }) => {
      const { name: by, unit } = (identityOf(req) as Identity).principal;
      if (unit !== undefined) {
        req.resume();
        throw new HttpError(403, boundRefusal(by, unit));
      }
      takeToken(req, limiter);
      const body = await readJson(req, config.maxBodyBytes);
      const settings = tetraSettingsFor(config);
      sendAck(res, await ingestTetra(lage, body, by, config.maxItemsPerRequest, settings));
    },
  }),
  route({
    id: 'ingest',
    path: '/api/v1/ingest/:kind',
    methods: ['POST'],
    access: 'ingest.write',
    unauthorized: INGEST_401,
    // Another kind is no route: 404 (before the method is looked at).
    params: z.object({ kind: z.enum(INGEST_KINDS) }),
    summary: 'units, positions, status changes or incidents as JSON arrays',
    handle: async ({ req, res, deps: { lage, config, limiter }, params: { kind } }) => {
      const { name: by, unit } = (identityOf(req) as Identity).principal;
      takeToken(req, limiter);
      const body = await readJson(req, config.maxBodyBytes);
      sendAck(res, await groupOf(lage, config.maxItemsPerRequest).submit(kind, body, by, unit));
    },
  }),
];

/**
 * Requests that arrive together (a gateway with several in flight, many trackers) share one
 * transaction and so one fsync (groupCommit.ts); each is still validated and answered on its own,
 * after the commit that holds its events. One per Lage: tests start several servers in a process.
 */
const groups = new WeakMap<Lage, GroupCommit>();
function groupOf(lage: Lage, maxItems: number): GroupCommit {
  let group = groups.get(lage);
  if (!group) groups.set(lage, (group = new GroupCommit(lage, maxItems)));
  return group;
}

function takeToken(req: IncomingMessage, limiter: RateLimiter): void {
  if (limiter.take(req.socket.remoteAddress ?? '?')) return;
  req.resume();
  throw new HttpError(429, 'too many requests; slow down');
}

/** 202 after the commit; a failed write (the database restarting): the sender retries, nothing was stored. */
function sendAck(res: ServerResponse, ack: IngestAck): void {
  if (!ack.ok && ack.status === 503) res.setHeader('retry-after', '2');
  if (ack.ok) return sendJson(res, 202, { accepted: ack.accepted, seq: ack.seq });
  sendJson(res, ack.status, { error: ack.error, ...(ack.items ? { items: ack.items } : {}) });
}
