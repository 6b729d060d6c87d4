/**
 * The one place that says who may call which HTTP route. The server checks every request against
 * this table before any handler runs (app.ts → gate), so a route added elsewhere is covered by
 * default: a path under /api/ without an entry here answers 404 for everybody until it is declared.
 * Inside a handler, `requirePermission(req, 'export')` asks for more than the route's entry.
 */
import type { IncomingMessage } from 'node:http';
import { can, type Permission } from '#shared/roles';
import { policyFor, type ViewPolicy } from '#shared/redact';
import { HttpError } from '../http/respond.ts';
import type { Auth, Identity } from './auth.ts';

/** `public`: anyone; `signedIn`: any principal; a permission; or any one of several. */
export type Access = 'public' | 'signedIn' | Permission | readonly Permission[];

export interface RouteRule {
  /** Short name (the matrix test has one sample request per id). */
  id: string;
  /** Exact path, a path prefix ending in '/', or a pattern. */
  path: string | RegExp;
  access: Access;
}

export const ROUTES: readonly RouteRule[] = [
  { id: 'health', path: '/api/v1/health', access: 'public' },
  { id: 'auth.login', path: '/api/v1/auth/login', access: 'public' },
  { id: 'auth.logout', path: '/api/v1/auth/logout', access: 'public' },
  { id: 'auth.me', path: '/api/v1/auth/me', access: 'signedIn' },
  { id: 'auth.links', path: '/api/v1/auth/links', access: 'users.manage' },
  { id: 'auth.once', path: '/auth/once', access: 'public' },
  // Gateways may resync with their ingest token; they get the picture as a wall sees it.
  { id: 'snapshot', path: '/api/v1/snapshot', access: ['live.read', 'ingest.write'] },
  { id: 'events', path: '/api/v1/events', access: ['events.read', 'ingest.write'] },
  { id: 'heatmap', path: /^\/api\/v1\/heatmap(\/compare)?$/, access: 'heatmap.read' },
  { id: 'geocode', path: '/api/v1/geocode/reverse', access: 'command.open' },
  { id: 'geocode.search', path: '/api/v1/geocode/search', access: 'command.open' },
  { id: 'geo.districts', path: '/api/v1/geo/districts', access: 'live.read' },
  { id: 'replay.export', path: '/api/v1/replay/export', access: 'export' },
  { id: 'replay', path: '/api/v1/replay/', access: 'replay.read' },
  // Incident history and statistics read like the live picture (redacted per principal).
  { id: 'incidents', path: '/api/v1/incidents/', access: 'live.read' },
  { id: 'stats.incidents', path: '/api/v1/stats/incidents', access: 'live.read' },
  { id: 'stats.availability', path: '/api/v1/stats/availability', access: 'live.read' },
  { id: 'stats.response-times', path: '/api/v1/stats/response-times', access: 'live.read' },
  { id: 'audit', path: '/api/v1/audit/', access: 'audit.read' },
  { id: 'audit.list', path: '/api/v1/audit', access: 'audit.read' },
  { id: 'ingest', path: /^\/api\/v1\/ingest\/[^/]*$/, access: 'ingest.write' },
  // The basemap summary and styles name the configured sources; tiles, fonts and sprites are map
  // data like the built-in map and stay public, as does the dashboard's own code (the login page).
  { id: 'basemap', path: /^\/api\/v1\/basemap(\/style)?$/, access: 'live.read' },
  // Reading the settings needs a signed-in viewer; changing them users.manage (checked by the route).
  { id: 'basemap.settings', path: '/api/v1/basemap/settings', access: 'live.read' },
  { id: 'basemap.files', path: '/basemap/', access: 'public' },
  // OGC API – Features (http/ogc.ts): the picture for GIS, read and redacted like the snapshot.
  { id: 'ogc', path: /^\/ogc(\/.*)?$/, access: 'live.read' },
];

export function ruleFor(pathname: string): RouteRule | undefined {
  return ROUTES.find((r) =>
    typeof r.path === 'string'
      ? r.path.endsWith('/')
        ? pathname.startsWith(r.path)
        : pathname === r.path
      : r.path.test(pathname),
  );
}

export function allows(access: Access, identity: Identity | undefined): boolean {
  if (access === 'public') return true;
  if (!identity) return false;
  if (access === 'signedIn') return true;
  const needed = typeof access === 'string' ? [access] : access;
  return needed.some((p) => can(identity.principal.roles, p));
}

interface RequestAuth {
  auth: Auth;
  identity: Identity | undefined;
}
const requests = new WeakMap<IncomingMessage, RequestAuth>();

/** Who sent this request (after the gate), or undefined for anonymous requests to public routes. */
export function identityOf(req: IncomingMessage): Identity | undefined {
  return requests.get(req)?.identity;
}

/** Throws 401/403 (audited) unless the request's principal has the permission. */
export function requirePermission(req: IncomingMessage, permission: Permission): Identity {
  const r = requests.get(req);
  const identity = r?.identity;
  if (identity && can(identity.principal.roles, permission)) return identity;
  const what = `${req.method ?? 'GET'} ${(req.url ?? '').split('?')[0]}`;
  if (!identity) {
    r?.auth.refused(undefined, what, 'not signed in', { ip: req.socket.remoteAddress });
    throw new HttpError(401, 'sign in first (session cookie or Authorization: Bearer <token>)');
  }
  const why = `the role ${identity.principal.roles.join('+')} lacks the permission ${permission}`;
  r?.auth.refused(identity, what, why);
  throw new HttpError(403, `not allowed: ${why}`);
}

/** Refuses a signed-in request for a reason the handler found (audited like the gate's refusals). */
export function refuse(req: IncomingMessage, why: string): never {
  const r = requests.get(req);
  r?.auth.refused(r.identity, `${req.method ?? 'GET'} ${(req.url ?? '').split('?')[0]}`, why);
  throw new HttpError(403, `not allowed: ${why}`);
}

/** For routes that redact per caller (replay): who asks, and what they may see; throws 401/403. */
export function callerOf(
  req: IncomingMessage,
  permission: Permission,
): { actor: string; policy: ViewPolicy } {
  const { principal } = requirePermission(req, permission);
  return { actor: principal.name, policy: policyFor(principal.roles, principal.districts) };
}

const INGEST_401 = 'missing or wrong ingest token (Authorization: Bearer <token>)';

/**
 * Authenticates and authorises a request before any handler runs. Static dashboard files (paths
 * outside /api/, /auth/ and /basemap/) are public. Throws HttpError to refuse.
 */
export function gate(auth: Auth, req: IncomingMessage, url: URL): Identity | undefined {
  const p = url.pathname;
  const identity = auth.identify(req.headers);
  requests.set(req, { auth, identity });
  const rule = ruleFor(p);
  const isApi = p.startsWith('/api/');
  if (!rule) {
    if (!isApi) return identity; // the dashboard's static files
    req.resume();
    throw new HttpError(
      404,
      `no such API route: ${p} (routes are declared in server/src/security/routes.ts)`,
    );
  }
  if (identity?.via === 'cookie' && req.method !== 'GET' && req.method !== 'HEAD')
    checkOrigin(req, auth, identity);
  if (allows(rule.access, identity)) return identity;
  req.resume();
  const what = `${req.method ?? 'GET'} ${p}`;
  if (!identity) {
    auth.refused(undefined, what, 'not signed in', { ip: req.socket.remoteAddress });
    throw new HttpError(
      401,
      rule.id === 'ingest' ? INGEST_401 : 'sign in first (session cookie or Authorization: Bearer <token>)',
    );
  }
  const needed = typeof rule.access === 'string' ? rule.access : rule.access.join(' or ');
  const why = `the role ${identity.principal.roles.join('+')} lacks the permission ${needed}`;
  auth.refused(identity, what, why);
  throw new HttpError(403, `not allowed: ${why}`);
}

/** A cookie travels with cross-site requests in old browsers; a foreign Origin is refused. */
function checkOrigin(req: IncomingMessage, auth: Auth, identity: Identity): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host === req.headers.host) return;
  req.resume();
  auth.refused(identity, `${req.method ?? ''} ${req.url ?? ''}`, `cross-site request from ${origin}`);
  throw new HttpError(403, 'cross-site request refused');
}
