/**
 * The security gate. Every request is checked against the route table (http/routeTable.ts: each
 * route's `access`) before any handler runs (http/dispatch.ts → gate), so a route is covered by
 * default: a path under /api/ without an entry there answers 404 for everybody until it is declared.
 * Inside a handler, `requirePermission(req, 'export')` asks for more than the route's entry.
 */
import type { IncomingMessage } from 'node:http';
import { can, type Permission } from '#shared/roles';
import { policyFor, type ViewPolicy } from '#shared/redact';
import { HttpError } from '../http/respond.ts';
import type { Auth, Identity } from './auth.ts';

/** `public`: anyone; `signedIn`: any principal; a permission; or any one of several. */
export type Access = 'public' | 'signedIn' | Permission | readonly Permission[];

/** What the gate needs of a route of the table (http/routeTable.ts). */
export interface GatedRoute {
  id: string;
  access: Access;
  /** The 401 answer when it is not the general "sign in first". */
  unauthorized?: string;
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

/**
 * Authenticates and authorises a request before any handler runs; `rule` is the route of the table
 * that matches its path. Static dashboard files (no route, outside /api/) are public. Throws
 * HttpError to refuse.
 */
export function gate(
  auth: Auth,
  req: IncomingMessage,
  url: URL,
  rule: GatedRoute | undefined,
): Identity | undefined {
  const p = url.pathname;
  const identity = auth.identify(req.headers);
  requests.set(req, { auth, identity });
  const isApi = p.startsWith('/api/');
  if (!rule) {
    if (!isApi) return identity; // the dashboard's static files
    req.resume();
    throw new HttpError(
      404,
      `no such API route: ${p} (routes are declared in server/src/http/routeTable.ts)`,
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
      rule.unauthorized ?? 'sign in first (session cookie or Authorization: Bearer <token>)',
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
