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

type ServerListResult = { ok: true; origins: string[] } | { ok: false; error: string };

/**
 * A comma-separated list of http(s) origins. `name` names the setting in errors. Every entry must
 * be an origin (no path, query or credentials); a duplicate is an error, not silently dropped:
 * the operator who listed a node twice likely meant another one.
 */
function parseServerList(raw: string, name: string): ServerListResult {
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.every((p) => p === '')) return { ok: false, error: `${name} is empty` };
  const origins: string[] = [];
  for (const part of parts) {
    if (part === '') return { ok: false, error: `${name} has an empty entry: "${raw}"` };
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      return { ok: false, error: `${name} is not a URL: "${part}"` };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { ok: false, error: `${name} must use http or https, not "${url.protocol.replace(':', '')}"` };
    if (url.username || url.password) return { ok: false, error: `${name} must not contain credentials` };
    if (url.pathname !== '/' || url.search || url.hash)
      return { ok: false, error: `${name} must list origins only, e.g. ${url.origin}` };
    if (origins.includes(url.origin)) return { ok: false, error: `${name} lists ${url.origin} twice` };
    origins.push(url.origin);
  }
  return { ok: true, origins };
}

export type ServerChoice =
  | { kind: 'embedded' }
  | { kind: 'remote'; origin: string; origins: string[] }
  | { kind: 'invalid'; error: string };

/**
 * Decides between the embedded default and a remote server: one origin, or several nodes of one
 * cluster, comma-separated (docs/scale-out.md). An invalid `LAGEBILD_SERVER_URL` is an error, never
 * a silent fallback: an operator who set it expects that server, not a simulated one.
 */
export function chooseServer(envValue: string | undefined): ServerChoice {
  const raw = envValue?.trim();
  if (!raw) return { kind: 'embedded' };
  const list = parseServerList(raw, 'LAGEBILD_SERVER_URL');
  if (!list.ok) return { kind: 'invalid', error: list.error };
  return { kind: 'remote', origin: list.origins[0]!, origins: list.origins };
}

/**
 * The first of several nodes whose health check (`/api/v1/health`) says `ok`, tried in list order,
 * each for at most `timeoutMs`. A node that answers `degraded` (e.g. cut off from PostgreSQL: it
 * would refuse the dashboard's live feed) is taken only when none is `ok`; when none answers at
 * all, the first of the list (the window reports the failed load and retries as with one server).
 */
export async function firstReachable(origins: readonly string[], timeoutMs = 2_000): Promise<string> {
  if (origins.length < 2) return origins[0]!;
  let answered: string | undefined;
  for (const origin of origins) {
    const status = await fetch(`${origin}/api/v1/health`, { signal: AbortSignal.timeout(timeoutMs) })
      .then((res) => (res.ok ? (res.json() as Promise<{ status?: unknown }>) : undefined))
      .then(
        (body) => body?.status,
        () => undefined,
      );
    if (status === 'ok') return origin;
    if (status !== undefined) answered ??= origin;
  }
  return answered ?? origins[0]!;
}
