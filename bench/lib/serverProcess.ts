import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServerProcess } from '../../server/src/public.ts';

export const BENCH_TOKEN = 'bench-token-0123456789';

/** Starts the real Lage server (`npm run serve`'s entry) in its own process on a free loopback port. */
export async function startServerProcess(
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess; dataDir: string; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-bench-'));
  const { child, url } = await spawnServerProcess([
    '--data-dir',
    dataDir,
    '--ingest-token',
    BENCH_TOKEN,
    '--quiet',
    ...extra,
  ]);
  return {
    url,
    child,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function postJson(url: string, body: unknown): Promise<{ accepted: number; seq: number }> {
  return postRaw(url, JSON.stringify(body));
}

export async function postRaw(url: string, body: string): Promise<{ accepted: number; seq: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_TOKEN}` },
    body,
  });
  const json = (await res.json()) as { accepted: number; seq: number; error?: string };
  if (res.status !== 202) throw new Error(`ingest failed: ${res.status} ${json.error ?? ''}`);
  return json;
}

export function benchUnits(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `b${i}`,
    callsign: `B ${Math.floor(i / 100)}/${i % 100}`,
    kind: 'funkstreifenwagen',
    district: `D${i % 10}`,
    status: 2,
  }));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
