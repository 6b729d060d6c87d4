/**
 * Security headers on every response in browser mode: the dashboard's Content-Security-Policy, the
 * same policy the Electron window adds (shared/src/csp.ts; it includes `frame-ancestors 'none'`),
 * and with TLS Strict-Transport-Security, so a browser never falls back to plain HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildCsp } from '#shared/csp';

/** A year: browsers keep using HTTPS for this host; no includeSubDomains (other hosts are not ours). */
const HSTS = 'max-age=31536000';

/**
 * `ownOrigin` is the server's own address; the page's origin is the address the browser used
 * (the Host header), so connect-src names exactly the server the page talks to. A Host that is not
 * a plain host[:port] falls back to the server's own address.
 */
export function setSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  scheme: 'http' | 'https',
  ownOrigin: string,
): void {
  res.setHeader('content-security-policy', policyFor(`${scheme}://${req.headers.host ?? ''}`, ownOrigin));
  if (scheme === 'https') res.setHeader('strict-transport-security', HSTS);
}

const cache = new Map<string, string>();

function policyFor(origin: string, fallback: string): string {
  let policy = cache.get(origin);
  if (policy) return policy;
  try {
    policy = buildCsp(new URL(origin).origin);
  } catch {
    return buildCsp(fallback);
  }
  // Hosts are few (the names of this server); bounded all the same.
  if (cache.size < 64) cache.set(origin, policy);
  return policy;
}
