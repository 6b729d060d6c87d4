/** Test helpers: a real server on a loopback port with a real SQLite file, and real Socket.IO dashboards. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { applyAll } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import {
  basemapChangedSchema,
  batchSchema,
  snapshotMessageSchema,
  LIVE_NAMESPACE,
  type Batch,
} from '#shared/wire';
import { parseConfig, type ServerConfig } from '../config.ts';
import { startLageServer, type LageServer } from '../app.ts';
import type { Principal } from '../security/users.ts';
import { readLocalCredential } from '../security/localCredential.ts';

export const TEST_TOKEN = 'test-token-0123456789';

export function tempDir(prefix = 'lagebild-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Who the helpers act as unless told otherwise: a user with every permission of a person. */
export const DEFAULT_PRINCIPAL: Principal = { name: 'operator', roles: ['operator', 'admin'], kind: 'user' };

/** Session tokens of DEFAULT_PRINCIPAL per server origin, used by getJson and TestDashboard. */
const defaultTokens = new Map<string, string>();

/** A session token for any principal on an in-process test server (no password needed). */
export function sessionFor(server: LageServer, principal: Principal): string {
  return server.auth.startSession(principal).token;
}

/** The token the helpers use for this origin by default (undefined if none registered). */
export const defaultToken = (url: string): string | undefined => defaultTokens.get(new URL(url).origin);

export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  dataDir = tempDir(),
): Promise<LageServer> {
  const config = parseConfig(
    ['--port', '0', '--data-dir', dataDir, '--ingest-token', TEST_TOKEN, '--quiet'],
    {},
    process.cwd(),
  );
  const server = await startLageServer({ ...config, ...overrides });
  defaultTokens.set(new URL(server.url).origin, sessionFor(server, DEFAULT_PRINCIPAL));
  return server;
}

/** Signs in as the local user a server process created in its data dir; the helpers then use it. */
export async function signInLocal(url: string, dataDir: string): Promise<string> {
  const credential = readLocalCredential(dataDir);
  if (!credential) throw new Error(`no local credential in ${dataDir}`);
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credential, token: true }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  if (!res.ok || !body.token) throw new Error(`sign-in failed: ${res.status} ${body.error ?? ''}`);
  defaultTokens.set(new URL(url).origin, body.token);
  return body.token;
}

export async function post(
  base: string,
  kind: string,
  body: unknown,
  token = TEST_TOKEN,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}/api/v1/ingest/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** fetch, signed in with `token` (default: the server's DEFAULT_PRINCIPAL session) as Bearer. */
export function authFetch(url: string, init: RequestInit = {}, token = defaultToken(url)): Promise<Response> {
  if (!token) return fetch(url, init);
  return fetch(url, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });
}

/** GET as JSON, signed in with `token` (default: the server's DEFAULT_PRINCIPAL session). */
export async function getJson<T = Record<string, unknown>>(
  url: string,
  token = defaultToken(url),
): Promise<T> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export function units(n: number, prefix = 'u'): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    callsign: `Dü ${10 + (i % 80)}/${i}`,
    kind: 'funkstreifenwagen',
    district: 'PP Düsseldorf',
    status: 2,
  }));
}

/** A dashboard as the renderer is one: validates payloads, checks contiguity, folds with the reducer. */
export class TestDashboard {
  readonly socket: Socket;
  picture: Picture = emptyPicture();
  readonly batches: { from: number; to: number; count: number }[] = [];
  readonly eventSeqs: number[] = [];
  snapshots = 0;
  /** `changedAt` of every valid basemapChanged message, in order of arrival. */
  readonly basemapChanges: number[] = [];
  readonly errors: string[] = [];

  /**
   * `token`: a session or device token to connect with; default the server's DEFAULT_PRINCIPAL
   * session, `null` for none (anonymous).
   */
  /** `picture`: resume from this picture (a dashboard moving to another node) instead of lastSeq. */
  constructor(
    base: string,
    opts: {
      lastSeq?: number;
      view?: 'wall' | 'operator';
      token?: string | null;
      picture?: Picture;
    } = {},
  ) {
    if (opts.lastSeq !== undefined) this.picture = { ...this.picture, seq: opts.lastSeq };
    if (opts.picture) this.picture = opts.picture;
    const token = opts.token === undefined ? defaultToken(base) : opts.token;
    this.socket = io(`${base}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: (cb) =>
        cb({
          ...(this.picture.seq > 0 ? { lastSeq: this.picture.seq } : {}),
          ...(opts.view ? { view: opts.view } : {}),
          ...(token ? { token } : {}),
        }),
    });
    this.socket.on('snapshot', (raw: unknown) => {
      const msg = snapshotMessageSchema.safeParse(raw);
      if (!msg.success) return void this.errors.push(`bad snapshot: ${msg.error.message}`);
      this.snapshots++;
      this.picture = msg.data.picture as Picture;
    });
    this.socket.on('batch', (raw: unknown) => {
      const parsed = batchSchema.safeParse(raw);
      if (!parsed.success) return void this.errors.push(`bad batch: ${parsed.error.message}`);
      this.fold(parsed.data);
    });
    this.socket.on('basemapChanged', (raw: unknown) => {
      const msg = basemapChangedSchema.safeParse(raw);
      if (!msg.success) return void this.errors.push(`bad basemapChanged: ${msg.error.message}`);
      this.basemapChanges.push(msg.data.changedAt);
    });
  }

  private fold(batch: Batch): void {
    if (batch.from !== this.picture.seq + 1) {
      this.errors.push(`gap or overlap: have ${this.picture.seq}, batch ${batch.from}..${batch.to}`);
      return;
    }
    this.batches.push({ from: batch.from, to: batch.to, count: batch.events.length });
    for (const e of batch.events) this.eventSeqs.push(e.seq);
    this.picture = { ...applyAll(this.picture, batch.events), seq: batch.to };
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  async waitForSeq(seq: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.picture.seq < seq) {
      if (Date.now() > until) throw new Error(`dashboard at seq ${this.picture.seq}, expected ${seq}`);
      await sleep(20);
    }
  }

  close(): void {
    this.socket.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `npm run serve`'s entry as a real process on a free loopback port; resolves with its URL
 * once signed in as the local user of its data dir (the helpers then use that session).
 */
/** A node process (`npm run serve`) on the shared database `database`, with its own data dir. */
export async function spawnClusterNode(
  database: string,
  dataDir = tempDir(),
): Promise<{ child: ChildProcess; url: string; dataDir: string }> {
  const args = ['--data-dir', dataDir, '--ingest-token', TEST_TOKEN, '--database', database, '--quiet'];
  return { ...(await spawnServerProcess(args)), dataDir };
}

/**
 * Several nodes on one database share their users: only the node that created the local user has
 * its credential in its data dir; the others are signed in with that one (by database URL).
 */
const credentialDirs = new Map<string, string>();

export function spawnServerProcess(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const own = args.includes('--data-dir') ? args[args.indexOf('--data-dir') + 1] : undefined;
  const database = args.includes('--database') ? args[args.indexOf('--database') + 1] : undefined;
  const shared = database === undefined ? undefined : credentialDirs.get(database);
  const dataDir = own && !readLocalCredential(own) && shared ? shared : own;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let found = false;
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (!m || found) return;
      found = true;
      const url = m[0];
      (dataDir ? signInLocal(url, dataDir) : Promise.resolve(''))
        .then(() => {
          if (database && dataDir && readLocalCredential(dataDir)) credentialDirs.set(database, dataDir);
          resolve({ child, url });
        })
        .catch(reject);
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}
