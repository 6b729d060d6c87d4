import type { Namespace, Server } from 'socket.io';
import { INGEST_KINDS } from '#shared/schemas';
import {
  INGEST_NAMESPACE,
  LIVE_NAMESPACE,
  liveAuthSchema,
  type IngestAck,
  type IngestClientToServer,
  type IngestServerToClient,
} from '#shared/wire';
import type { Lage } from './lage.ts';
import { execute } from './commands.ts';
import type { Geo } from './geo/geo.ts';
import { FULL_VIEW, policyFor } from '#shared/redact';
import type { CommandAck } from '#shared/commands';
import { idSchema } from '#shared/schemas';
import { z } from 'zod';

const subscribeSchema = z
  .array(z.union([idSchema, z.literal('*')]))
  .min(1)
  .max(1000);
import type { ServerConfig } from './config.ts';
import { ingest, tokenMatches, type RateLimiter } from './ingest/ingest.ts';
import { LiveHub, type LiveNamespace } from './live/hub.ts';

/** Wires the two namespaces: /live for dashboards, /ingest for terminals and gateways. */
export function attachSockets(
  io: Server,
  lage: Lage,
  config: ServerConfig,
  limiter: RateLimiter,
  geo?: Geo,
): LiveHub {
  const live: LiveNamespace = io.of(LIVE_NAMESPACE);
  const hub = new LiveHub(live, lage, config);
  live.on('connection', (socket) => {
    const auth = liveAuthSchema.safeParse(socket.handshake.auth ?? {});
    // Until logins exist (roles and security issue) the view is what the dashboard asks for; the
    // redaction itself is already the server's: a wall never receives personal data.
    const readOnly = auth.success && auth.data.view === 'wall';
    const policy = readOnly ? policyFor(['wall']) : FULL_VIEW;
    hub.attach(socket, auth.success ? auth.data.lastSeq : undefined, policy);
    socket.on('resync', (lastSeq: unknown) => {
      const valid = typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) && lastSeq >= 0;
      hub.attach(socket, valid ? lastSeq : undefined, policy);
    });
    socket.on('command', (cmd: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (readOnly) return (ack as (res: CommandAck) => void)({ ok: false, error: 'this view is read-only' });
      // Until logins exist (roles and security issue) every dashboard acts as "operator".
      const by = typeof socket.data.user === 'string' ? socket.data.user : 'operator';
      (ack as (res: CommandAck) => void)(execute(lage, cmd, by, Date.now(), geo));
    });
    socket.on('disconnect', () => hub.detach(socket));
  });

  const ingestNsp = io.of(INGEST_NAMESPACE) as unknown as Namespace<
    IngestClientToServer,
    IngestServerToClient
  >;
  ingestNsp.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string' && tokenMatches(token, config.ingestToken)) return next();
    const err = new Error('unauthorized: missing or wrong ingest token') as Error & { data?: unknown };
    err.data = { status: 401 };
    next(err);
  });
  // Terminals hear about what concerns their unit: an acknowledged speech request, an assignment.
  lage.onCommit((events) => {
    for (const e of events) {
      if (e.type === 'unit.acknowledged' || e.type === 'incident.assigned') {
        ingestNsp.to([`unit:${e.unitId}`, 'unit:*']).emit('notify', { unitId: e.unitId, event: e });
      }
    }
  });
  ingestNsp.on('connection', (socket) => {
    const key = `ws:${socket.handshake.address}`;
    socket.on('subscribe', (ids: unknown, ack: unknown) => {
      const reply =
        typeof ack === 'function' ? (ack as (r: { ok: boolean; error?: string }) => void) : () => {};
      const parsed = subscribeSchema.safeParse(ids);
      if (!parsed.success)
        return reply({ ok: false, error: 'subscribe takes an array of unit ids or ["*"]' });
      void socket.join(parsed.data.map((id) => `unit:${id}`));
      reply({ ok: true });
    });
    for (const kind of INGEST_KINDS) {
      socket.on(kind, (items: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const reply = ack as (res: IngestAck) => void;
        if (!limiter.take(key))
          return reply({ ok: false, status: 429, error: 'too many requests; slow down' });
        reply(ingest(lage, kind, items, 'ingest', config.maxItemsPerRequest));
      });
    }
  });
  return hub;
}
