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
import type { ServerConfig } from './config.ts';
import { ingest, tokenMatches, type RateLimiter } from './ingest/ingest.ts';
import { LiveHub, type LiveNamespace } from './live/hub.ts';

/** Wires the two namespaces: /live for dashboards, /ingest for terminals and gateways. */
export function attachSockets(io: Server, lage: Lage, config: ServerConfig, limiter: RateLimiter): LiveHub {
  const live: LiveNamespace = io.of(LIVE_NAMESPACE);
  const hub = new LiveHub(live, lage, config);
  live.on('connection', (socket) => {
    const auth = liveAuthSchema.safeParse(socket.handshake.auth ?? {});
    hub.attach(socket, auth.success ? auth.data.lastSeq : undefined);
    socket.on('resync', (lastSeq: unknown) => {
      hub.attach(
        socket,
        typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) && lastSeq >= 0 ? lastSeq : undefined,
      );
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
  ingestNsp.on('connection', (socket) => {
    const key = `ws:${socket.handshake.address}`;
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
