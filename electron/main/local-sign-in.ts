/**
 * The embedded default signs itself in: the server keeps the local user's generated credential in
 * `<data-dir>/local-credential.json` (0600); main reads it, posts it to /api/v1/auth/login and puts
 * the session into the window's cookie jar before the dashboard loads. Pure apart from the fetch,
 * so it is tested against a real server process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sessionCookieName } from '#shared/sessionCookie';

export interface LocalCredential {
  user: string;
  password: string;
}

export const CREDENTIAL_FILE = 'local-credential.json';
/** The server's session cookie for this origin: named after its port, `__Host-` with TLS. */
export function sessionCookieFor(origin: string): string {
  const url = new URL(origin);
  const tls = url.protocol === 'https:';
  return sessionCookieName(Number(url.port || (tls ? 443 : 80)), tls);
}

export function parseCredential(text: string): LocalCredential | undefined {
  try {
    const raw = JSON.parse(text) as Partial<LocalCredential>;
    return typeof raw.user === 'string' && typeof raw.password === 'string'
      ? { user: raw.user, password: raw.password }
      : undefined;
  } catch {
    return undefined;
  }
}

export function readCredential(dataDir: string): LocalCredential | undefined {
  try {
    return parseCredential(readFileSync(join(dataDir, CREDENTIAL_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** What Electron's `session.cookies.set` needs for the session cookie (same flags as the server's). */
export interface SessionCookie {
  url: string;
  name: string;
  value: string;
  path: string;
  httpOnly: true;
  secure: boolean;
  sameSite: 'strict';
  expirationDate: number;
}

export async function signIn(
  origin: string,
  credential: LocalCredential,
  fetchImpl: typeof fetch = fetch,
): Promise<SessionCookie> {
  const res = await fetchImpl(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credential, token: true }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    token?: unknown;
    expires?: unknown;
    error?: unknown;
  };
  if (!res.ok || typeof body.token !== 'string' || typeof body.expires !== 'number')
    throw new Error(`signing in to the embedded server failed: ${res.status} ${String(body.error ?? '')}`);
  return {
    url: origin,
    name: sessionCookieFor(origin),
    value: body.token,
    path: '/',
    httpOnly: true,
    secure: origin.startsWith('https:'),
    sameSite: 'strict',
    expirationDate: Math.floor(body.expires / 1000),
  };
}
