import type { Namespace, Server, Socket } from 'socket.io';
import { idMap } from '#shared/idMap';
import type { IncomingHttpHeaders } from 'node:http';
import { INGEST_KINDS } from '#shared/schemas';
import {
  INGEST_NAMESPACE,
  LIVE_NAMESPACE,
  liveAuthSchema,
  type IngestAck,
  type IngestClientToServer,
  type IngestServerToClient,
  type LiveClientToServer,
  type LiveServerToClient,
} from '#shared/wire';
import type { Lage } from './lage.ts';
import { execute } from './commands.ts';
import type { Geo } from './geo/geo.ts';
import { policyFor, type ViewPolicy } from '#shared/redact';
import { can, type Permission, type Role } from '#shared/roles';
import { auditText, type Auth, type Identity } from './security/auth.ts';
import { samePrincipal, type Principal } from './security/users.ts';
import { refuseCommand } from './security/commandAccess.ts';
import type { CommandAck } from '#shared/commands';
import { idSchema } from '#shared/schemas';
import { z } from 'zod';

const subscribeSchema = z
  .array(z.union([idSchema, z.literal('*')]))
  .min(1)
  .max(1000);
import type { ServerConfig } from './config.ts';
import { submitIngest } from './ingest/ingest.ts';
import type { RateLimiter } from './security/rateLimiter.ts';
import { boundRefusal, ingestTetra, tetraSettingsFor } from './ingest/tetra.ts';
import { LiveHub } from './live/hub.ts';
import { isStorageFull, STORAGE_FULL_ERROR } from './store/diskFull.ts';
import type { FederationSettings } from './federation/policy.ts';
import type { ShareFilter } from './federation/sharing.ts';
import { NoSharingPolicy, peerView } from './federation/peerView.ts';

/** Dashboards read the live picture; federation peers read what their sharing policy allows. */
const LIVE_PERMISSIONS = ['live.read', 'federation.read'] as const;
const canAny = (roles: readonly Role[], permission: Permission | readonly Permission[]) =>
  [permission].flat().some((p) => can(roles, p));

/** What the server keeps on a live socket (Socket.IO's SocketData): set in the handshake, changed by followUsers. */
interface LiveSocketData {
  identity: Identity;
  view: LiveView;
}
/** What the server keeps on an ingest socket. */
interface IngestSocketData {
  identity: Identity;
}
type NoEvents = Record<string, never>;
type TypedLive = Namespace<LiveClientToServer, LiveServerToClient, NoEvents, LiveSocketData>;
type TypedIngest = Namespace<IngestClientToServer, IngestServerToClient, NoEvents, IngestSocketData>;
/** The two namespaces with their protocol and socket data (the Server is shared with HTTP and untyped). */
const liveOf = (io: Server) => io.of(LIVE_NAMESPACE) as TypedLive;
const ingestOf = (io: Server) => io.of(INGEST_NAMESPACE) as TypedIngest;
/** A socket during its handshake: the middlewares fill in its data. */
type Handshaking<D> = Pick<Socket, 'request' | 'handshake'> & { data: Partial<D> };

type AuthError = Error & { data?: { status: number } };
const authError = (message: string, status: number): AuthError =>
  Object.assign(new Error(message), { data: { status } });

/**
 * Socket.IO middleware: the handshake carries a session cookie or `auth.token` (a session token or
 * a device token); the principal needs `permission`. Refusals are audited and fail the connection
 * with "unauthorized: …" (401) or "forbidden: …" (403).
 */
function authenticate(
  auth: Auth,
  what: string,
  permission: Permission | readonly Permission[],
  unauthorized: string,
) {
  const check = guarded((socket: Handshaking<IngestSocketData>, next: (err?: Error) => void) => {
    const headers: IncomingHttpHeaders = socket.request.headers;
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const identity = auth.identify(
      token === undefined ? headers : { ...headers, authorization: undefined },
      token,
    );
    if (!identity) {
      auth.refused(undefined, what, 'not signed in', { ip: socket.handshake.address });
      return next(authError(unauthorized, 401));
    }
    if (identity.via === 'cookie' && !sameOrigin(headers)) {
      auth.refused(identity, what, `cross-site connection from ${headers.origin}`);
      return next(authError('forbidden: cross-site connection refused', 403));
    }
    if (!canAny(identity.principal.roles, permission)) {
      const why = `the role ${identity.principal.roles.join('+')} lacks the permission ${[permission].flat().join(' or ')}`;
      auth.refused(identity, what, why);
      return next(authError(`forbidden: ${why}`, 403));
    }
    socket.data.identity = identity;
    next();
  });
  // Several nodes: a session started on another node is looked up first (Auth.admit never throws).
  return (socket: Handshaking<IngestSocketData>, next: (err?: Error) => void) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    void auth.admit(socket.request.headers, token).then(() => check(socket, next));
  };
}

/**
 * A middleware that throws (the audit cannot be written: a full disk) would reject inside
 * Socket.IO and end the process; the handshake fails closed with "unavailable: …" (503) instead.
 */
function guarded<S>(mw: (socket: S, next: (err?: Error) => void) => void) {
  return (socket: S, next: (err?: Error) => void) => {
    try {
      mw(socket, next);
    } catch (err) {
      next(authError(`unavailable: ${unavailable(err)}`, 503));
    }
  };
}

function unavailable(err: unknown): string {
  if (isStorageFull(err)) return STORAGE_FULL_ERROR;
  console.error('lagebild: socket handler failed', err);
  return 'internal error';
}

function sameOrigin(headers: IncomingHttpHeaders): boolean {
  if (headers.origin === undefined) return true;
  try {
    return new URL(headers.origin).host === headers.host;
  } catch {
    return false;
  }
}

const identityOf = (socket: { data: Partial<IngestSocketData> }) => socket.data.identity;

/** What a live socket sees: the server picks it from the principal (and the view asked for). */
interface LiveView {
  asWall: boolean;
  policy: ViewPolicy;
}
const viewOf = (socket: { data: Partial<LiveSocketData> }) => socket.data.view;

function liveView(principal: Principal, asWall: boolean, peers?: FederationSettings): LiveView {
  // A federation peer sees what its sharing policy allows, whatever else it asks for.
  if (!can(principal.roles, 'live.read') && peers) {
    const p = peers.policyOf(principal.name);
    if (!p.ok) throw new NoSharingPolicy(p.error);
    return { asWall: true, policy: peerView(principal.name, p.policy) };
  }
  // A dashboard may only ask for a narrower view (an operator's workstation driving a wall screen
  // asks for the wall view).
  const own = policyFor(principal.roles, principal.districts);
  const policy = asWall
    ? { ...policyFor(['wall']), ...(own.districts ? { districts: own.districts } : {}) }
    : own;
  return { asWall, policy };
}

function auditPersonal(auth: Auth, principal: Principal, policy: ViewPolicy): void {
  if (policy.personal)
    auth.audit.append({
      actor: principal.name,
      action: 'personal.view',
      target: 'live',
      details: { districts: policy.districts ?? 'all', handhelds: policy.handhelds },
    });
}

/**
 * After users.json changed: every socket follows its session or device. A removed user or device
 * (or one that lost the namespace's permission) is disconnected; a live socket whose user got other
 * roles or districts gets a fresh snapshot in the new view, and its commands are checked against them.
 */
export function followUsers(io: Server, auth: Auth, hub: LiveHub, peers?: FederationSettings): void {
  /** The socket's identity now, or undefined when it was signed out (and disconnected). */
  const follow = (
    socket: {
      data: Partial<IngestSocketData>;
      emit(ev: 'signedOut'): unknown;
      disconnect(close: boolean): unknown;
    },
    permission: Permission | readonly Permission[],
  ): Identity | undefined => {
    const before = identityOf(socket);
    if (!before) return undefined;
    const now = auth.current(before);
    if (!now || !canAny(now.principal.roles, permission)) {
      if (!now) socket.emit('signedOut');
      socket.disconnect(true);
      return undefined;
    }
    if (samePrincipal(now.principal, before.principal)) return undefined;
    socket.data.identity = now;
    return now;
  };
  for (const socket of ingestOf(io).sockets.values()) follow(socket, 'ingest.write');
  for (const socket of liveOf(io).sockets.values()) {
    const now = follow(socket, LIVE_PERMISSIONS);
    const view = viewOf(socket);
    if (!now || !view) continue;
    let next: LiveView;
    try {
      next = liveView(now.principal, view.asWall, peers);
    } catch {
      socket.disconnect(true);
      continue;
    }
    socket.data.view = next;
    try {
      auditPersonal(auth, now.principal, next.policy);
    } catch (err) {
      // Not audited, not shown: the dashboard reconnects (and is refused) until space returns.
      unavailable(err);
      socket.disconnect(true);
      continue;
    }
    hub.attach(socket, undefined, next.policy);
  }
}

/** Signs out live sockets whose session ended (logout, idle, age); keeps the others' sessions alive. */
export function sweepSessions(io: Server, auth: Auth, sessionId?: string): void {
  for (const socket of liveOf(io).sockets.values()) {
    const id = identityOf(socket)?.sessionId;
    if (!id || (sessionId !== undefined && id !== sessionId)) continue;
    if (sessionId === undefined && auth.sessions.isLive(id)) auth.sessions.touch(id);
    else {
      socket.emit('signedOut');
      socket.disconnect(true);
    }
  }
}

/** Wires the two namespaces: /live for dashboards, /ingest for terminals and gateways. */
export function attachSockets(
  io: Server,
  lage: Lage,
  config: ServerConfig,
  limiter: RateLimiter,
  auth: Auth,
  geo?: Geo,
  sharing?: { filter: ShareFilter; settings: FederationSettings },
): LiveHub {
  const live = liveOf(io);
  const hub = new LiveHub(live, lage, { ...config, ...(sharing ? { share: sharing.filter } : {}) });
  const peers = sharing?.settings;
  live.use(authenticate(auth, 'live.subscribe', LIVE_PERMISSIONS, 'unauthorized: sign in first'));
  // The view is chosen (and a view with personal data audited) before the connection is accepted,
  // so a view that cannot be audited is refused in the handshake.
  live.use(
    guarded((socket: Handshaking<LiveSocketData>, next) => {
      const { identity } = socket.data;
      if (!identity) return next(authError('unauthorized: sign in first', 401));
      const auth0 = liveAuthSchema.safeParse(socket.handshake.auth ?? {});
      let view: LiveView;
      try {
        view = liveView(identity.principal, auth0.success && auth0.data.view === 'wall', peers);
      } catch (err) {
        if (!(err instanceof NoSharingPolicy)) throw err;
        auth.refused(identity, 'live.subscribe', err.message);
        return next(authError(`forbidden: ${err.message}`, 403));
      }
      socket.data.view = view;
      auditPersonal(auth, identity.principal, view.policy);
      next();
    }),
  );
  live.on('connection', (socket) => {
    // The identity and view may change while connected (users.json changed: followUsers); every
    // handler reads them from socket.data.
    const data = socket.data;
    const { sessionId } = data.identity;
    const auth0 = liveAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (sessionId) auth.sessions.touch(sessionId);
    const lastSeq = auth0.success ? auth0.data.lastSeq : undefined;
    // Several nodes: a dashboard coming from a node that is ahead resumes once this one caught up.
    if (lage.shared && lastSeq !== undefined && lastSeq > lage.seq)
      void lage.shared
        .sync()
        .catch(() => {})
        .then(() => socket.connected && hub.attach(socket, lastSeq, data.view.policy));
    else hub.attach(socket, lastSeq, data.view.policy);
    socket.on('resync', (lastSeq: unknown) => {
      const valid = typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) && lastSeq >= 0;
      // Rate-limited per socket and served page by page (live/resume.ts).
      hub.resync(socket, valid ? lastSeq : undefined, () => data.view.policy);
    });
    socket.on('command', async (cmd: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (res: CommandAck) => void;
      const name =
        typeof (cmd as { cmd?: unknown } | null)?.cmd === 'string'
          ? String((cmd as { cmd: string }).cmd).slice(0, 32)
          : '?';
      // A command that cannot be audited or stored (a full disk) is answered, never left to throw
      // inside Socket.IO (which would drop the connection).
      let result: CommandAck | undefined;
      try {
        // A changed users.json applies before the command is checked (followUsers updates data).
        auth.refreshUsers();
        if (!socket.connected) return reply({ ok: false, error: 'signed out' });
        const { principal } = data.identity;
        const refusal = data.view.asWall
          ? { error: 'this view is read-only', why: 'wall view' }
          : refuseCommand(
              principal,
              cmd,
              lage.picture,
              geo ? (lat, lon) => geo.district(lat, lon) : undefined,
            );
        if (refusal) {
          auth.refused({ principal }, `command ${name}`, refusal.why, targetOf(cmd));
          return reply({ ok: false, error: refusal.error });
        }
        if (sessionId) auth.sessions.touch(sessionId);
        result = await execute(lage, cmd, principal.name, Date.now(), geo);
        auth.audit.append({
          actor: principal.name,
          action: 'command',
          target: auditText(name),
          details: {
            ...targetOf(cmd),
            ok: result.ok,
            ...(result.ok ? { seq: result.seq } : { error: result.error.slice(0, 300) }),
          },
        });
        reply(result);
      } catch (err) {
        const error = unavailable(err);
        // Stored but not audited: the operator must still learn that it happened.
        reply(result?.ok ? result : { ok: false, error });
      }
    });
    socket.on('disconnect', () => hub.forget(socket));
  });

  const ingestNsp = ingestOf(io);
  ingestNsp.use(
    authenticate(auth, 'ingest.connect', 'ingest.write', 'unauthorized: missing or wrong ingest token'),
  );
  // Terminals hear about what concerns their unit: an acknowledged speech request or emergency, an assignment.
  lage.onCommit((events) => {
    for (const e of events) {
      if (
        e.type === 'unit.acknowledged' ||
        e.type === 'unit.emergencyAcknowledged' ||
        e.type === 'incident.assigned'
      ) {
        ingestNsp.to([`unit:${e.unitId}`, 'unit:*']).emit('notify', { unitId: e.unitId, event: e });
      }
    }
  });
  ingestNsp.on('connection', (socket) => {
    const key = `ws:${socket.handshake.address}`;
    const { name: by, unit } = socket.data.identity.principal;
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
        void Promise.resolve(submitIngest(lage, kind, items, by, config.maxItemsPerRequest, unit)).then(
          reply,
        );
      });
    }
    // A TETRA gateway: the same items and answers as POST /api/v1/ingest/tetra.
    socket.on('tetra', (items: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (res: IngestAck) => void;
      if (unit !== undefined) return reply({ ok: false, status: 403, error: boundRefusal(by, unit) });
      if (!limiter.take(key)) return reply({ ok: false, status: 429, error: 'too many requests; slow down' });
      void Promise.resolve(
        ingestTetra(lage, items, by, config.maxItemsPerRequest, tetraSettingsFor(config)),
      ).then(reply);
    });
  });
  auth.onUsersChange(() => followUsers(io, auth, hub, peers));
  return hub;
}

/** The ids a command is about, for the audit (never its free text). */
function targetOf(cmd: unknown): Record<string, string> {
  const c = (cmd ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = idMap();
  for (const k of ['incidentId', 'unitId', 'state'] as const)
    if (typeof c[k] === 'string') out[k] = (c[k] as string).slice(0, 64);
  return out;
}
