/**
 * The Content-Security-Policy main adds to every response from the dashboard origin: the same
 * policy the server sends in browser mode, defined once in shared/src/csp.ts.
 */
import { buildCsp as buildSharedCsp, socketOrigin } from '#shared/csp';
import { idMap, put } from '#shared/idMap';

export { socketOrigin };

/** Any dashboard URL → the policy for its origin (the definition is in shared/src/csp.ts). */
export function buildCsp(dashboardUrl: string): string {
  return buildSharedCsp(new URL(dashboardUrl).origin);
}

export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Adds the policy to response headers. A policy the server sends itself is kept: browsers enforce
 * every policy present, so adding ours can only make the page stricter.
 */
export function withCsp(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  // Header names come from the server: a `__proto__` header must stay a header.
  const out: Record<string, string[]> = idMap();
  const existing: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'content-security-policy') existing.push(...values);
    else put(out, name, values);
  }
  out['Content-Security-Policy'] = [...existing, csp];
  return out;
}
