/**
 * The Content-Security-Policy main adds to every response from the dashboard origin. Scripts only
 * from the server; data only from the server (HTTP and its WebSocket); MapLibre's worker from the
 * server or a blob:; images and fonts from the server, data: or blob:. No remote host appears
 * anywhere, so a compromised page cannot load code or send data elsewhere.
 */

/** `http://h:p` → `ws://h:p`, `https://h:p` → `wss://h:p` (Socket.IO's WebSocket transport). */
export function socketOrigin(httpOrigin: string): string {
  const url = new URL(httpOrigin);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

export function buildCsp(dashboardOrigin: string): string {
  const server = new URL(dashboardOrigin).origin;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // Inline style attributes come from MapLibre controls and chart libraries; style injection
    // cannot run code, so allowing it costs little while a blocked map would cost a lot.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", server, socketOrigin(server)],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'media-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export type ResponseHeaders = Record<string, string[] | string>;

/**
 * Adds the policy to response headers. A policy the server sends itself is kept: browsers enforce
 * every policy present, so adding ours can only make the page stricter.
 */
export function withCsp(headers: ResponseHeaders | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const existing: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'content-security-policy') existing.push(...values);
    else out[name] = values;
  }
  out['Content-Security-Policy'] = [...existing, csp];
  return out;
}
