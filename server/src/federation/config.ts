/**
 * `--federate <url> --federate-token <t> [--federate-name <name>]`, repeatable: one subscription per
 * `--federate`, each followed by its token (and optionally the name its units and incidents carry
 * here). Read apart from config.ts's other flags because these repeat.
 */
import { PEER_NAME_PATTERN } from '#shared/schemas';

export interface FederationPeer {
  /** What this server calls the peer: the origin of its units and incidents and their id prefix. */
  name: string;
  url: string;
  token: string;
}

export const FEDERATE_FLAGS: ReadonlySet<string> = new Set([
  '--federate',
  '--federate-token',
  '--federate-name',
]);

export const FEDERATE_USAGE = `  --federate <url> --federate-token <t> [--federate-name <name>]   subscribe to another Lage
                          server's live picture with its federation device token (repeatable: one
                          --federate-token, and optionally a --federate-name, after each --federate;
                          the name defaults to the URL's host and port; docs/interop.md)`;

/** A name from the URL: `lage.hh.example` or `127.0.0.1-8081` (never cut short: a longer one needs --federate-name). */
function nameOf(url: URL): string {
  return `${url.hostname}${url.port ? `-${url.port}` : ''}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+/, '');
}

/** The peers from the flags in their order; throws Error with a usage message. */
export function parseFederation(flags: readonly [name: string, value: string][]): FederationPeer[] {
  const peers: Partial<FederationPeer & { parsed: URL }>[] = [];
  for (const [flag, value] of flags) {
    if (flag === '--federate') {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new Error(
          `--federate must be the URL of a Lage server like https://lage.example:8080, got "${value}"`,
        );
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new Error(`--federate must be an http:// or https:// URL, got ${url.protocol}`);
      if (
        url.username ||
        url.password ||
        url.search ||
        url.hash ||
        (url.pathname !== '/' && url.pathname !== '')
      )
        throw new Error(
          `--federate takes the server's address only (no path, query or user), got "${value}"`,
        );
      peers.push({ url: url.origin, parsed: url });
      continue;
    }
    const last = peers[peers.length - 1];
    if (!last) throw new Error(`${flag} belongs after a --federate <url>`);
    if (flag === '--federate-token') {
      if (last.token !== undefined) throw new Error(`--federate ${last.url} has two --federate-token`);
      if (value.length < 8) throw new Error('--federate-token must be at least 8 characters');
      last.token = value;
    } else {
      if (last.name !== undefined) throw new Error(`--federate ${last.url} has two --federate-name`);
      if (!PEER_NAME_PATTERN.test(value))
        throw new Error(`--federate-name must be 1-24 characters of a-z 0-9 . - (got "${value}")`);
      last.name = value;
    }
  }
  const out: FederationPeer[] = [];
  for (const p of peers) {
    if (p.token === undefined) throw new Error(`--federate ${p.url} needs a --federate-token after it`);
    const name = p.name ?? nameOf(p.parsed!);
    if (!PEER_NAME_PATTERN.test(name))
      throw new Error(
        `--federate ${p.url}: the name ${name} is too long for ids; give it a --federate-name (a-z 0-9 . -, at most 24)`,
      );
    if (out.some((o) => o.name === name))
      throw new Error(`two --federate peers are called ${name}: give each its own --federate-name`);
    if (out.some((o) => o.url === p.url)) throw new Error(`--federate ${p.url} is given twice`);
    out.push({ name, url: p.url!, token: p.token });
  }
  return out;
}
