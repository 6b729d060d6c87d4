/**
 * A throw-away PostgreSQL cluster for tests: initdb into a temporary folder, pg_ctl on a free
 * loopback port, trust authentication on loopback only. Run as the current user, or as `postgres`
 * when the current user is root (PostgreSQL refuses to run as root; CI runs as root).
 * Needs Debian's `postgresql` package (its own cluster is not used and need not be running).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LageEvent } from '#shared/schemas';

const ROOT = '/usr/lib/postgresql';

/** The bin folder of the newest installed PostgreSQL, or undefined when none is installed. */
export function findPgBin(): string | undefined {
  if (!fs.existsSync(ROOT)) return undefined;
  const versions = fs
    .readdirSync(ROOT)
    .filter((v) => fs.existsSync(path.join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(ROOT, versions[0], 'bin');
}

/** Why PostgreSQL tests cannot run here (printed by the tests that skip), or undefined. */
export function pgMissing(): string | undefined {
  if (!findPgBin()) return `no PostgreSQL binaries under ${ROOT} (apt-get install postgresql)`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root and there is no `postgres` user to run PostgreSQL as';
  return undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  port: number;
  /** A connection URL for the database `lagebild` (created at start). */
  url: string;
  dir: string;
  /** Fast shutdown (connections are cut); `start` brings the same cluster back on the same port. */
  stop(): void;
  start(): void;
  /** Stops the cluster and removes its folder. */
  destroy(): void;
}

/** Starts a new cluster; throws with pg_ctl's output if it cannot. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error(pgMissing());
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-pg-'));
  const data = path.join(dir, 'data');
  const user = asRoot ? 'postgres' : os.userInfo().username;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const cmd = asRoot ? 'runuser' : path.join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (r.status !== 0)
      throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  // Loopback only, the socket in the cluster's own folder (not /var/run/postgresql).
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      'fsync = off',
      'max_connections = 200',
      'shared_buffers = 64MB',
      '',
    ].join('\n'),
  );
  const start = () => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  start();
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', user, 'lagebild']);
  let stopped = false;
  return {
    port,
    dir,
    url: `postgres://${user}@127.0.0.1:${port}/lagebild`,
    stop: () => {
      stop();
      stopped = true;
    },
    start: () => {
      start();
      stopped = false;
    },
    destroy: () => {
      try {
        if (!stopped) stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Empties the database between tests (every test starts on an empty schema). */
export async function resetDatabase(url: string): Promise<void> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  } finally {
    await c.end();
  }
}

/** The whole shared log as PostgreSQL holds it, in seq order. */
export async function pgEvents(url: string): Promise<LageEvent[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    const r = await c.query<{ data: string }>('SELECT data FROM events ORDER BY seq');
    return r.rows.map((row) => JSON.parse(row.data) as LageEvent);
  } finally {
    await c.end();
  }
}
