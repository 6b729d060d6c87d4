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
import { route } from '../http/route.ts';
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

export const AUTH_ROUTES = [
  route({
    id: 'auth.login',
    path: '/api/v1/auth/login',
    methods: ['POST'],
    access: 'public',
    summary: 'sign in with user and password: a session cookie (or token)',
    handle: ({ req, res, deps: { auth } }) => login(auth, req, res),
  }),
  route({
    id: 'auth.logout',
    path: '/api/v1/auth/logout',
    methods: ['POST'],
    access: 'public',
    summary: 'end the session',
    handle: ({ req, res, deps: { auth } }) => {
      req.resume();
      auth.logout(identityOf(req));
      res.setHeader('set-cookie', auth.clearCookie());
      sendJson(res, 200, { ok: true });
    },
  }),
  route({
    id: 'auth.me',
    path: '/api/v1/auth/me',
    methods: ['GET'],
    access: 'signedIn',
    summary: 'who is signed in: roles, districts, permissions',
    handle: ({ req, res }) => sendJson(res, 200, describePrincipal((identityOf(req) as Identity).principal)),
  }),
  route({
    id: 'auth.links',
    path: '/api/v1/auth/links',
    methods: ['POST'],
    access: 'users.manage',
    summary: 'a one-time sign-in link (a wall screen)',
    handle: ({ req, res, deps: { auth, scheme } }) => createLink(auth, req, res, scheme),
  }),
  route({
    id: 'auth.once',
    path: '/auth/once',
    methods: ['GET'],
    access: 'public',
    summary: 'redeem a one-time link: session cookie, then on into the dashboard',
    handle: ({ res, url, deps: { auth }, req }) => redeem(auth, req, res, url),
  }),
];

async function login(auth: Auth, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
}

async function createLink(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
  scheme: 'http' | 'https',
): Promise<void> {
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
}

async function redeem(auth: Auth, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const principal = auth.redeemCode(url.searchParams.get('code') ?? '');
  if (!principal) {
    auth.refused(undefined, 'GET /auth/once', 'invalid, expired or used sign-in link', {
      ip: req.socket.remoteAddress,
    });
    throw new HttpError(401, 'this sign-in link is invalid, expired or was already used');
  }
  const session = auth.startSession(principal);
  // Several nodes: the session is in the shared store before the browser is sent on to any of them.
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
}
