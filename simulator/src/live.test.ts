/**
 * The simulator against the real Lage server, started as its own process on a loopback port: the
 * simulator starts first and must wait for the server, then register, stream and dispatch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from './index.ts';

const SERVER_CLI = 'server/src/cli.ts';
const TOKEN = 'sim-live-test-token';
const serverPresent = fs.existsSync(SERVER_CLI);
if (!serverPresent) console.log(`skipped live test: ${SERVER_CLI} not found`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Snapshot {
  units: { id: string; status: number; position?: { time: number } }[];
  incidents: { id: string; units: string[]; state: string }[];
}

/** Signs in as the local user the server created in its data dir (the full view, handhelds too). */
async function signIn(base: string, dataDir: string): Promise<string | undefined> {
  try {
    const credential = fs.readFileSync(path.join(dataDir, 'local-credential.json'), 'utf8');
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...(JSON.parse(credential) as object), token: true }),
    });
    return ((await res.json()) as { token?: string }).token;
  } catch {
    return undefined;
  }
}

let token: string | undefined;
async function snapshot(base: string, dataDir: string): Promise<Snapshot | undefined> {
  try {
    token ??= await signIn(base, dataDir);
    if (!token) return undefined;
    const res = await fetch(`${base}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}` } });
    const json = (await res.json()) as { units: unknown; incidents: unknown };
    const list = <T>(x: unknown): T[] => (Array.isArray(x) ? x : Object.values(x as object)) as T[];
    return { units: list(json.units), incidents: list(json.incidents) };
  } catch {
    return undefined;
  }
}

describe.skipIf(!serverPresent)('simulator against the real server', () => {
  let server: ChildProcess | undefined;
  let sim: SimulatorHandle | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-sim-'));
  afterAll(async () => {
    await sim?.stop(200);
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('waits for the server, then registers, streams positions and dispatches incidents', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const lines: string[] = [];
    // Two URLs as for several nodes (docs/scale-out.md): the first never answers, so every send
    // that reaches the server went to the next one.
    const dead = `http://127.0.0.1:${await freePort()}`;
    sim = startSimulator({
      url: `${dead},${base}`,
      token: TOKEN,
      seed: 4,
      units: 12,
      ratePerHour: 400,
      speed: 30,
      log: (l) => lines.push(l),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lines.join('\n')).toMatch(/waiting for the server/);

    server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        SERVER_CLI,
        '--port',
        String(port),
        '--data-dir',
        dataDir,
        '--ingest-token',
        TOKEN,
        '--quiet',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let snap: Snapshot | undefined;
    // A bound against a hang, not a speed goal: a loaded two-core machine needs far longer than a quiet one.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      snap = await snapshot(base, dataDir);
      const assigned = snap?.incidents.some((i) => i.units.length > 0);
      const located = snap?.units.filter((u) => u.position).length ?? 0;
      if (snap && snap.units.length === 12 && located === 12 && assigned) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(snap?.units).toHaveLength(12);
    expect(snap!.units.every((u) => u.position)).toBe(true);
    // Fast-forwarded runs are stamped on the wall clock, never in the future.
    for (const u of snap!.units) expect(u.position!.time).toBeLessThanOrEqual(Date.now() + 1000);
    expect(snap!.incidents.some((i) => i.units.length > 0)).toBe(true);
    expect(snap!.units.some((u) => u.status === 3 || u.status === 4)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/rejected/);
  });
});
