/**
 * Sign-in routes: POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me,
 * POST /api/v1/auth/links (one-time links, e.g. for a wall screen) and GET /auth/once?code=
 * (redeems a link: sets the session cookie and redirects into the dashboard).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ROLE_PERMISSIONS } from '#shared/roles';
import { describeIssues } from '#shared/schemas';
import { HttpError, readJson, sendJson } from '../http/respond.ts';
import type { Auth, Identity } from './auth.ts';
import { identityOf, requirePermission } from './routes.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import type { Principal } from './users.ts';

const MAX_LOGIN_BODY = 8 * 1024;

const loginSchema = z.strictObject({
  user: z.string().min(1, 'user must not be empty').max(64, 'user has at most 64 characters'),
  password: z
    .string()
    .min(1, 'password must not be empty')
    .max(MAX_PASSWORD_LENGTH, `password has at most ${MAX_PASSWORD_LENGTH} characters`),
  /** Non-browser clients ask for the session token in the answer (then: Authorization: Bearer). */
  token: z.boolean().optional(),
});

const linkSchema = z.strictObject({
  role: z.literal('wall'),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'name: 2-32 characters a-z 0-9 . _ -')
    .optional(),
  /** Where the link leads after sign-in, e.g. "/?mode=wall&layout=lage". */
  next: z
    .string()
    .max(300)
    .regex(/^\/(?!\/)[^\s\\]*$/, 'next must be a path on this server, e.g. /?mode=wall')
    .optional(),
});

export const describePrincipal = (p: Principal) => ({
  user: p.name,
  kind: p.kind,
  roles: p.roles,
  districts: p.districts ?? null,
  permissions: [...new Set(p.roles.flatMap((r) => ROLE_PERMISSIONS[r]))],
});

/** Answers the sign-in routes; false when the path is not one of them. */
export async function handleAuth(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scheme: 'http' | 'https',
): Promise<boolean> {
  const p = url.pathname;
  if (p === '/api/v1/auth/login') {
    method(req, 'POST');
    const raw = await readJson(req, MAX_LOGIN_BODY);
    const parsed = loginSchema.safeParse(raw);
    if (!parsed.success) {
      auth.refused(undefined, 'POST /api/v1/auth/login', 'malformed sign-in request', {
        ip: req.socket.remoteAddress,
      });
      throw new HttpError(
        400,
        `malformed sign-in request: ${describeIssues(parsed.error).slice(0, 3).join('; ')}`,
      );
    }
    const { user, password, token: wantToken } = parsed.data;
    const result = await auth.login(user, password, req.socket.remoteAddress ?? '?');
    if (!result.ok) {
      if (result.retryAfter) res.setHeader('retry-after', String(result.retryAfter));
      throw new HttpError(result.status, result.error);
    }
    res.setHeader('set-cookie', auth.cookie(result.token, result.expires));
    sendJson(res, 200, {
      ...describePrincipal(result.principal),
      expires: result.expires,
      ...(wantToken ? { token: result.token } : {}),
    });
    return true;
  }
  if (p === '/api/v1/auth/logout') {
    method(req, 'POST');
    req.resume();
    auth.logout(identityOf(req));
    res.setHeader('set-cookie', auth.clearCookie());
    sendJson(res, 200, { ok: true });
    return true;
  }
  if (p === '/api/v1/auth/me') {
    method(req, 'GET');
    const identity = identityOf(req) as Identity;
    sendJson(res, 200, describePrincipal(identity.principal));
    return true;
  }
  if (p === '/api/v1/auth/links') {
    method(req, 'POST');
    const admin = requirePermission(req, 'users.manage');
    const parsed = linkSchema.safeParse(await readJson(req, MAX_LOGIN_BODY));
    if (!parsed.success)
      throw new HttpError(400, `malformed link request: ${describeIssues(parsed.error).join('; ')}`);
    const name = parsed.data.name ?? 'wall';
    const code = auth.createCode({ name, roles: ['wall'], kind: 'user' });
    const next = parsed.data.next ? `&next=${encodeURIComponent(parsed.data.next)}` : '';
    const link = `${scheme}://${req.headers.host ?? 'localhost'}/auth/once?code=${code}${next}`;
    auth.audit.append({
      actor: admin.principal.name,
      action: 'auth.link',
      target: name,
      details: { role: 'wall' },
    });
    sendJson(res, 201, { link, role: 'wall', user: name });
    return true;
  }
  if (p === '/auth/once') {
    method(req, 'GET');
    const principal = auth.redeemCode(url.searchParams.get('code') ?? '');
    if (!principal) {
      auth.refused(undefined, 'GET /auth/once', 'invalid, expired or used sign-in link', {
        ip: req.socket.remoteAddress,
      });
      throw new HttpError(401, 'this sign-in link is invalid, expired or was already used');
    }
    const session = auth.startSession(principal);
    await auth.sessions.mirror?.settled();
    auth.audit.append({
      actor: principal.name,
      action: 'auth.login',
      details: { ok: true, via: 'one-time link' },
    });
    const next = url.searchParams.get('next') ?? '/';
    const safe = /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
    res.writeHead(303, {
      location: safe,
      'set-cookie': auth.cookie(session.token, session.expires),
      'cache-control': 'no-store',
    });
    res.end();
    return true;
  }
  return false;
}

function method(req: IncomingMessage, m: string): void {
  if (req.method !== m) {
    req.resume();
    throw new HttpError(405, `use ${m} for this route`);
  }
}
