/**
 * Where the dashboard comes from: the URL the embedded server prints on start-up, or a remote
 * server named by `LAGEBILD_SERVER_URL`. Pure, so the rules are unit-tested without Electron.
 */

// Terminal colours would otherwise end up inside the parsed port.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const LOOPBACK_URL = /\bhttp:\/\/127\.0\.0\.1:(\d{1,5})\b/;

/** Finds the `http://127.0.0.1:PORT` the server prints and returns its origin, or null. */
export function parseServerUrl(output: string): string | null {
  const match = LOOPBACK_URL.exec(output.replace(ANSI, ''));
  if (!match?.[1]) return null;
  const port = Number(match[1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return `http://127.0.0.1:${port}`;
}

export type ServerChoice =
  { kind: 'embedded' } | { kind: 'remote'; origin: string } | { kind: 'invalid'; error: string };

/**
 * Decides between the embedded default and a remote server. An invalid `LAGEBILD_SERVER_URL` is an
 * error, never a silent fallback: an operator who set it expects that server, not a simulated one.
 */
export function chooseServer(envValue: string | undefined): ServerChoice {
  const raw = envValue?.trim();
  if (!raw) return { kind: 'embedded' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'invalid', error: `LAGEBILD_SERVER_URL is not a URL: "${raw}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      kind: 'invalid',
      error: `LAGEBILD_SERVER_URL must use http or https, not "${url.protocol.replace(':', '')}"`,
    };
  }
  if (url.username || url.password) {
    return { kind: 'invalid', error: 'LAGEBILD_SERVER_URL must not contain credentials' };
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    return { kind: 'invalid', error: `LAGEBILD_SERVER_URL must be an origin only, e.g. ${url.origin}` };
  }
  return { kind: 'remote', origin: url.origin };
}
