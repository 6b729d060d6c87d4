/** Test helpers: a real server on a loopback port with a real SQLite file, and real Socket.IO dashboards. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { applyAll } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import { batchSchema, snapshotMessageSchema, LIVE_NAMESPACE, type Batch } from '#shared/wire';
import { parseConfig, type ServerConfig } from '../config.ts';
import { startLageServer, type LageServer } from '../app.ts';

export const TEST_TOKEN = 'test-token-0123456789';

export function tempDir(prefix = 'lagebild-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  dataDir = tempDir(),
): Promise<LageServer> {
  const config = parseConfig(
    ['--port', '0', '--data-dir', dataDir, '--ingest-token', TEST_TOKEN, '--quiet'],
    {},
    process.cwd(),
  );
  return startLageServer({ ...config, ...overrides });
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

export async function getJson<T = Record<string, unknown>>(url: string): Promise<T> {
  const res = await fetch(url);
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
  readonly errors: string[] = [];

  constructor(base: string, opts: { lastSeq?: number; view?: 'wall' | 'operator' } = {}) {
    if (opts.lastSeq !== undefined) this.picture = { ...this.picture, seq: opts.lastSeq };
    this.socket = io(`${base}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: (cb) =>
        cb({
          ...(this.picture.seq > 0 ? { lastSeq: this.picture.seq } : {}),
          ...(opts.view ? { view: opts.view } : {}),
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

/** Starts `npm run serve`'s entry as a real process on a free loopback port; resolves with its URL. */
export function spawnServerProcess(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve({ child, url: m[0] });
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      process.stderr.write(d);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}
