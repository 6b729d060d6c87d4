/**
 * Server configuration from command-line flags (read by the shared reader, cliFlags.ts) and
 * LAGEBILD_* environment variables (flags win). Every value is checked here, so the rest of the
 * server can trust its config.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_STALE_AFTER_MS } from '#shared/picture';
import { parseRetention, RetentionConfigError, type RetentionOptions } from './retention/options.ts';
import { AuditRetentionError, parseAuditRetention, type AuditRetention } from './security/auditExpiry.ts';
import { defaultRegionDir, regionAt, type Region } from './demo/region.ts';
import { readFlags, UsageError } from './cliFlags.ts';
import { FEDERATE_FLAGS, FEDERATE_USAGE, parseFederation, type FederationPeer } from './federation/config.ts';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  ingestToken: string;
  /** True when the token was generated because none was configured (it is printed then). */
  tokenGenerated: boolean;
  simulate: boolean;
  /** Extra arguments for the simulator (e.g. --roads, --stations, --seed, --units). */
  simulatorArgs: string[];
  staleAfterMs: number;
  batchMs: number;
  /** Write a snapshot of the picture after this many events ... */
  snapshotEvery: number;
  /** ... or after this long, whichever comes first (when anything changed). */
  snapshotIntervalMs: number;
  /** A reconnecting dashboard further behind than this gets a fresh snapshot instead of the events. */
  maxResumeEvents: number;
  maxBodyBytes: number;
  maxItemsPerRequest: number;
  /** SQLite synchronous mode: 'normal' survives a process crash, 'full' also a power loss. */
  durability: 'normal' | 'full';
  staticDir: string | undefined;
  /** Basemap settings file (docs/basemaps.md); without one, the settings in the data dir or the built-in map. */
  basemapConfig: string | undefined;
  /** `--basemap-dir`: the only folders basemap files (archive, style, sprite, glyphs, overlays) may come from. */
  basemapDirs: string[];
  /** Street segments with house-number ranges (GeoJSON) for addresses of map locations. */
  streets: string | undefined;
  /** District polygons (GeoJSON) to place incidents opened on the map. */
  districts: string | undefined;
  /**
   * The region folder (assets/demo-region or `--region <dir>`) whose basemap, streets, districts and
   * stations are used where no flag names others; undefined with `--region none`.
   */
  region: Region | undefined;
  quiet: boolean;
  /** PEM files: with both, the server speaks HTTPS (and its session cookie is Secure). */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** A session ends after this long unused ... */
  sessionIdleMs: number;
  /** ... or this long after sign-in (wall sessions: 30 days). */
  sessionMaxMs: number;
  /** Sign-in attempts per client address (burst; the same number again per minute). */
  loginPerIp: number;
  /** Distinct addresses failing for one user name (15 min) before unknown addresses wait (security/loginThrottle.ts). */
  loginPerUser: number;
  /** OsmAnd/Traccar HTTP listener port (0 = any free one); undefined = off. */
  osmandPort: number | undefined;
  /** Cursor on Target (TAK) on this port: TCP (TLS with client certificates when `cot` has them) and, without TLS, UDP. */
  cotPort: number | undefined;
  /** The CoT listener's TLS: server certificate and key, and the CA that signs the clients' certificates. */
  cotTls: { cert: string; key: string; ca: string } | undefined;
  /** Reduce events older than this many days (server/src/retention); undefined = keep everything. */
  retention: RetentionOptions | undefined;
  /** The audit seal key, outside the data dir (undefined: LAGEBILD_AUDIT_KEY or ~/.config/lagebild/audit.key). */
  auditKey: string | undefined;
  /** When audit entries are deleted (default: end of the year after they were written, BDSG § 76). */
  auditRetention: AuditRetention;
  /**
   * `--database postgres://…`: the event log is shared with other nodes in PostgreSQL
   * (docs/scale-out.md); the data dir then holds this node's replica. Undefined: SQLite only.
   */
  database: string | undefined;
  /** `--federate`: other Lage servers whose shared picture this one takes in (federation/config.ts). */
  federate: FederationPeer[];
}

export class ConfigError extends Error {}

const SIM_FLAGS = ['seed', 'units', 'roads', 'stations', 'center', 'rate', 'speed'] as const;

export const USAGE = `Usage: npm run serve -- [options]
  --port <n|0>            port on 127.0.0.1 (0 = any free port; default 8080)   env LAGEBILD_PORT
  --host <addr>           address to bind (default 127.0.0.1)                    env LAGEBILD_HOST
  --data-dir <dir>        where the event log lives (default ./.data)           env LAGEBILD_DATA_DIR
  --ingest-token <token>  bearer token for ingest (generated and printed when unset) env LAGEBILD_INGEST_TOKEN
  --simulate              also run the simulator against this server
  --seed/--units/--roads/--stations/--center/--rate/--speed <v>   passed to the simulator
  --stale-after <s>       seconds of silence before a unit counts as stale (default 60)
  --batch-ms <ms>         live batch interval (default 100)
  --snapshot-every <n>    events between snapshots (default 10000)
  --durability <normal|full>  SQLite sync mode (default full)
  --max-body <bytes>      largest accepted request body (default 4194304)
  --static-dir <dir>      built dashboard to serve (default dist/renderer)
  --streets <file>        street segments (GeoJSON with house-number ranges) for addresses  env LAGEBILD_STREETS
  --districts <file>      district polygons (GeoJSON) for incidents opened on the map    env LAGEBILD_DISTRICTS
  --region <dir|none>     region folder (basemap, streets, districts, stations; default with --simulate:
                          the Köln demo region in assets/demo-region)                  env LAGEBILD_REGION
  --basemap-config <file> basemap settings (PMTiles, style URL or raster; overlays)   env LAGEBILD_BASEMAP_CONFIG
  --basemap-dir <dir>[:<dir>…]  the only folders basemap files are served from (never the data dir)  env LAGEBILD_BASEMAP_DIRS
  --tls-cert <pem> --tls-key <pem>  serve HTTPS with this certificate    env LAGEBILD_TLS_CERT / LAGEBILD_TLS_KEY
  --session-idle <min>    sign out after this many minutes unused (default 720)  env LAGEBILD_SESSION_IDLE
  --session-max <h>       sign out this many hours after sign-in (default 24)    env LAGEBILD_SESSION_MAX
  --login-limit <n>       sign-in attempts per address per minute (default 30)  env LAGEBILD_LOGIN_LIMIT
  --retention-days <n>    reduce events older than n days: personal data out, positions thinned  env LAGEBILD_RETENTION_DAYS
  --retention-thin-minutes <m>  keep one old position per unit per m minutes (default 5)  env LAGEBILD_RETENTION_THIN_MINUTES
  --retention-every-minutes <m> run retention this often, besides at start (default 60)   env LAGEBILD_RETENTION_EVERY_MINUTES
  --audit-key <file>      audit seal key, outside the data dir (default ~/.config/lagebild/audit.key)  env LAGEBILD_AUDIT_KEY
  --audit-retention <end-of-next-year|days|off>  delete audit entries then (default end-of-next-year)  env LAGEBILD_AUDIT_RETENTION
  --osmand-port <n>       OsmAnd/Traccar Client HTTP protocol on this port (device tokens bound to a unit)  env LAGEBILD_OSMAND_PORT
  --cot-port <n>          Cursor on Target (ATAK/WinTAK/iTAK) over TCP on this port; plain TCP+UDP only on a loopback --host  env LAGEBILD_COT_PORT
  --cot-cert <pem> --cot-key <pem> --cot-ca <pem>  TLS for --cot-port; clients need a certificate signed by the CA  env LAGEBILD_COT_CERT / _KEY / _CA
  --database <url>        share the event log with other nodes in PostgreSQL (postgres://user@host:port/db;
                          the data dir holds this node's replica; docs/scale-out.md)  env LAGEBILD_DATABASE_URL
${FEDERATE_USAGE}
  --quiet                 less logging`;

/** serve's own flags (each also read from its environment variable, below). */
const SERVER_FLAGS = [
  'port',
  'host',
  'data-dir',
  'ingest-token',
  'stale-after',
  'batch-ms',
  'snapshot-every',
  'durability',
  'max-body',
  'static-dir',
  'basemap-config',
  'basemap-dir',
  'streets',
  'districts',
  'region',
  'tls-cert',
  'tls-key',
  'session-idle',
  'session-max',
  'login-limit',
  'retention-days',
  'retention-thin-minutes',
  'retention-every-minutes',
  'audit-key',
  'audit-retention',
  'osmand-port',
  'cot-port',
  'cot-cert',
  'cot-key',
  'cot-ca',
  'database',
] as const;

const FLAGS = {
  simulate: { type: 'boolean' },
  quiet: { type: 'boolean' },
  ...Object.fromEntries(SERVER_FLAGS.map((f) => [f, { type: 'string' }] as const)),
  // Passed on to the simulator as given (each may be repeated; the simulator reads the last).
  ...Object.fromEntries(SIM_FLAGS.map((f) => [f, { type: 'string', multiple: true }] as const)),
} as const satisfies Parameters<typeof readFlags>[1];

/** The flags of argv (shared reader, cliFlags.ts); its errors as ConfigError, in serve's words. */
function readServeFlags(argv: readonly string[]) {
  try {
    return readFlags(argv, FLAGS).values;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    throw new ConfigError(e.message.replace(/^unknown option "(.*)"$/, 'unknown option $1'));
  }
}

/**
 * The --federate flags repeat in groups whose order matters (a token belongs to the --federate
 * before it: federation/config.ts), so they are taken out in order before the shared reader.
 */
function takeFederateFlags(argv: readonly string[]): { rest: string[]; federateArgs: [string, string][] } {
  const rest: string[] = [];
  const federateArgs: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    if (!FEDERATE_FLAGS.has(name)) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`${name} needs a value`);
    federateArgs.push([name, value]);
  }
  return { rest, federateArgs };
}

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const { rest, federateArgs } = takeFederateFlags(argv);
  const values = readServeFlags(rest);
  const flags = new Map<string, unknown>(Object.entries(values));
  const simulate = values.simulate === true;
  const quiet = values.quiet === true;
  const simulatorArgs = SIM_FLAGS.flatMap((f) => {
    const given = flags.get(f);
    return Array.isArray(given) ? given.flatMap((v) => [`--${f}`, String(v)]) : [];
  });
  const get = (flag: string, envName: string): string | undefined => {
    const given = flags.get(flag.slice(2));
    return typeof given === 'string' ? given : env[envName];
  };
  const int = (flag: string, envName: string, def: number, min: number, max: number): number => {
    const raw = get(flag, envName);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new ConfigError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
    }
    return n;
  };
  const token = get('--ingest-token', 'LAGEBILD_INGEST_TOKEN');
  if (token !== undefined && token.length < 8)
    throw new ConfigError('--ingest-token must be at least 8 characters');
  const durability = get('--durability', 'LAGEBILD_DURABILITY') ?? 'full';
  if (durability !== 'normal' && durability !== 'full')
    throw new ConfigError('--durability must be normal or full');
  const staticDir = get('--static-dir', 'LAGEBILD_STATIC_DIR');
  const basemapConfig = get('--basemap-config', 'LAGEBILD_BASEMAP_CONFIG');
  const tlsCert = optionalPath(get('--tls-cert', 'LAGEBILD_TLS_CERT'), cwd);
  const tlsKey = optionalPath(get('--tls-key', 'LAGEBILD_TLS_KEY'), cwd);
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    throw new ConfigError('--tls-cert and --tls-key go together: give both or neither');
  const region = regionFrom(get('--region', 'LAGEBILD_REGION'), cwd, simulate, simulatorArgs);
  const streets = optionalPath(get('--streets', 'LAGEBILD_STREETS'), cwd) ?? region?.streets;
  const districts = optionalPath(get('--districts', 'LAGEBILD_DISTRICTS'), cwd) ?? region?.districts;
  if (simulate) {
    // The simulator drives on the region's streets from its police stations, and names the
    // district of each incident and unit from the same polygons the server uses.
    const has = (flag: string) => simulatorArgs.includes(flag);
    if (region && !has('--roads') && !has('--center')) {
      simulatorArgs.push('--roads', region.streets);
      if (!has('--stations')) simulatorArgs.push('--stations', region.police);
    }
    if (districts) simulatorArgs.push('--districts', districts);
  }
  const database = databaseFrom(get('--database', 'LAGEBILD_DATABASE_URL'));
  const retention = retentionFrom(get);
  if (database && retention)
    throw new ConfigError(
      "--retention-days does not work with --database yet: retention would change one node's replica only",
    );
  const federate = federationFrom(federateArgs);
  if (database && federate.length)
    throw new ConfigError(
      '--federate does not work with --database yet: each node would take the peer in again',
    );
  return {
    database,
    federate,
    host: get('--host', 'LAGEBILD_HOST') ?? '127.0.0.1',
    port: int('--port', 'LAGEBILD_PORT', 8080, 0, 65535),
    dataDir: path.resolve(cwd, get('--data-dir', 'LAGEBILD_DATA_DIR') ?? '.data'),
    ingestToken: token ?? randomBytes(24).toString('base64url'),
    tokenGenerated: token === undefined,
    simulate,
    simulatorArgs,
    staleAfterMs:
      int('--stale-after', 'LAGEBILD_STALE_AFTER', DEFAULT_STALE_AFTER_MS / 1000, 1, 86_400) * 1000,
    batchMs: int('--batch-ms', 'LAGEBILD_BATCH_MS', 100, 10, 5_000),
    snapshotEvery: int('--snapshot-every', 'LAGEBILD_SNAPSHOT_EVERY', 10_000, 100, 10_000_000),
    snapshotIntervalMs: 60_000,
    maxResumeEvents: 50_000,
    maxBodyBytes: int('--max-body', 'LAGEBILD_MAX_BODY', 4 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxItemsPerRequest: 10_000,
    durability,
    staticDir: staticDir ? path.resolve(cwd, staticDir) : undefined,
    basemapConfig: basemapConfig ? path.resolve(cwd, basemapConfig) : undefined,
    basemapDirs: (get('--basemap-dir', 'LAGEBILD_BASEMAP_DIRS') ?? '')
      .split(path.delimiter)
      .filter((d) => d.trim() !== '')
      .map((d) => path.resolve(cwd, d)),
    streets,
    districts,
    region,
    quiet,
    tlsCert,
    tlsKey,
    sessionIdleMs: int('--session-idle', 'LAGEBILD_SESSION_IDLE', 720, 1, 525_600) * 60_000,
    sessionMaxMs: int('--session-max', 'LAGEBILD_SESSION_MAX', 24, 1, 8_760) * 3_600_000,
    loginPerIp: int('--login-limit', 'LAGEBILD_LOGIN_LIMIT', 30, 1, 100_000),
    loginPerUser: 10,
    retention,
    auditKey: optionalPath(get('--audit-key', 'LAGEBILD_AUDIT_KEY'), cwd),
    auditRetention: auditRetentionFrom(get('--audit-retention', 'LAGEBILD_AUDIT_RETENTION')),
    osmandPort:
      get('--osmand-port', 'LAGEBILD_OSMAND_PORT') === undefined
        ? undefined
        : int('--osmand-port', 'LAGEBILD_OSMAND_PORT', 0, 0, 65535),
    ...cotFrom(get, int, cwd),
  };
}

/** --cot-port and its TLS files: all three or none; plain CoT (no sign-in at all) only on loopback. */
function cotFrom(
  get: (flag: string, envName: string) => string | undefined,
  int: (flag: string, envName: string, def: number, min: number, max: number) => number,
  cwd: string,
): Pick<ServerConfig, 'cotPort' | 'cotTls'> {
  const files = {
    cert: optionalPath(get('--cot-cert', 'LAGEBILD_COT_CERT'), cwd),
    key: optionalPath(get('--cot-key', 'LAGEBILD_COT_KEY'), cwd),
    ca: optionalPath(get('--cot-ca', 'LAGEBILD_COT_CA'), cwd),
  };
  const given = Object.values(files).filter((f) => f !== undefined).length;
  if (given !== 0 && given !== 3)
    throw new ConfigError('--cot-cert, --cot-key and --cot-ca go together: give all three or none');
  const port =
    get('--cot-port', 'LAGEBILD_COT_PORT') === undefined
      ? undefined
      : int('--cot-port', 'LAGEBILD_COT_PORT', 0, 0, 65535);
  if (given === 3 && port === undefined)
    throw new ConfigError('--cot-cert/--cot-key/--cot-ca need --cot-port');
  const host = get('--host', 'LAGEBILD_HOST') ?? '127.0.0.1';
  if (port !== undefined && given === 0 && !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host))
    throw new ConfigError(
      `--cot-port without TLS would take positions from anyone who reaches ${host}: give --cot-cert, --cot-key and --cot-ca (client certificates), or bind to a loopback --host`,
    );
  return {
    cotPort: port,
    cotTls: given === 3 ? (files as { cert: string; key: string; ca: string }) : undefined,
  };
}

/**
 * A PostgreSQL URL (postgres:// or postgresql://) with a host and a database; '' counts as unset.
 * Errors never repeat the URL's password.
 */
function databaseFrom(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const example = 'postgres://user@host:5432/lagebild';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--database must be a URL like ${example}, got "${redactUrl(raw)}"`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new ConfigError(
      `--database must be a postgres:// or postgresql:// URL like ${example}, got ${url.protocol}`,
    );
  if (!url.hostname) throw new ConfigError(`--database needs a host: ${example}`);
  if (url.pathname.length < 2) throw new ConfigError(`--database needs a database name: ${example}`);
  return raw;
}

/** The URL with everything between "://" and its last "@" (user and password) replaced. */
function redactUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/i, '$1REDACTED@');
}

function federationFrom(args: readonly [string, string][]): FederationPeer[] {
  try {
    return parseFederation(args);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function retentionFrom(get: (flag: string, envName: string) => string | undefined) {
  try {
    return parseRetention(get);
  } catch (e) {
    throw e instanceof RetentionConfigError ? new ConfigError(e.message) : e;
  }
}

function auditRetentionFrom(raw: string | undefined): AuditRetention {
  try {
    return parseAuditRetention(raw);
  } catch (e) {
    throw e instanceof AuditRetentionError ? new ConfigError(e.message) : e;
  }
}

/**
 * `--region <dir>` uses that folder; `none` none. Without the flag, `--simulate` without a road
 * network of its own (`--roads`, `--center`) starts on the shipped demo region, so the first minute
 * shows a real city; a server without the simulator keeps its configured (or the built-in) map.
 */
function regionFrom(
  raw: string | undefined,
  cwd: string,
  simulate: boolean,
  simulatorArgs: readonly string[],
): Region | undefined {
  if (raw === 'none') return undefined;
  let dir: string | undefined;
  if (raw !== undefined) dir = path.resolve(cwd, raw);
  else if (simulate && !simulatorArgs.includes('--roads') && !simulatorArgs.includes('--center'))
    dir = defaultRegionDir();
  if (dir === undefined) return undefined;
  const region = regionAt(dir);
  if ('missing' in region)
    throw new ConfigError(
      `--region ${dir}: ${region.missing} is missing (build it with npm run demo-region)`,
    );
  return region;
}

const optionalPath = (p: string | undefined, cwd: string) => (p ? path.resolve(cwd, p) : undefined);
