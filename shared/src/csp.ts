/**
 * The Content-Security-Policy of the dashboard: ONE definition for both ways of opening it. The
 * Electron window adds it to every response from the dashboard origin (electron/main/hardening.ts)
 * and the server sends it itself in browser mode (server/src/http/headers.ts). Scripts only from the
 * server; data only from the server (HTTP and its WebSocket); MapLibre's worker from the server or a
 * blob:; images and fonts from the server, data: or blob:; never framed. No remote host appears
 * anywhere, so a compromised page cannot load code or send data elsewhere.
 */

/** `scheme://host[:port]` exactly (what URL.origin gives); nothing that could end a directive. */
const ORIGIN = /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/** `http://h:p` → `ws://h:p`, `https://h:p` → `wss://h:p` (Socket.IO's WebSocket transport). */
export function socketOrigin(httpOrigin: string): string {
  return checked(httpOrigin).replace(/^http/, 'ws');
}

/** The policy for a dashboard served from `origin` (an origin such as `http://127.0.0.1:8080`). */
export function buildCsp(origin: string): string {
  const server = checked(origin);
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

function checked(origin: string): string {
  if (!ORIGIN.test(origin)) throw new Error(`not an http(s) origin: ${JSON.stringify(origin)}`);
  return origin.toLowerCase();
}
