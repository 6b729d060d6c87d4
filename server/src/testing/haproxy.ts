/**
 * Debian's HAProxy in front of several Lage nodes on loopback, for tests (docs/scale-out.md shows
 * the same configuration for production). Started in the foreground as a child process with a
 * configuration of its own; the package's service is not used.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './pgCluster.ts';
import { sleep, tempDir } from './harness.ts';

const CANDIDATES = ['/usr/sbin/haproxy', '/usr/bin/haproxy'];

/** Why the HAProxy tests cannot run here, or undefined. */
export function haproxyMissing(): string | undefined {
  return CANDIDATES.some((f) => fs.existsSync(f)) ? undefined : 'no haproxy (apt-get install haproxy)';
}

/**
 * The configuration docs/scale-out.md documents: sticky by client address (Socket.IO's long-polling
 * start needs every request of one client on one node), health checks on /api/v1/health, a dead
 * node's connections cut at once and new ones sent to another (redispatch).
 */
export function haproxyConfig(port: number, nodes: readonly string[]): string {
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    '  option redispatch',
    '  retries 3',
    'frontend lage',
    `  bind 127.0.0.1:${port}`,
    '  default_backend nodes',
    'backend nodes',
    '  balance source',
    '  hash-type consistent',
    '  option httpchk GET /api/v1/health',
    '  http-check expect status 200',
    '  http-response set-header x-lage-node %s',
    '  default-server inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions',
    ...nodes.map((url, i) => `  server node${i + 1} ${new URL(url).host} check`),
    '',
  ].join('\n');
}

export interface Haproxy {
  url: string;
  child: ChildProcess;
  stop(): void;
}

export async function startHaproxy(nodes: readonly string[]): Promise<Haproxy> {
  const bin = CANDIDATES.find((f) => fs.existsSync(f));
  if (!bin) throw new Error(haproxyMissing());
  const port = await freePort();
  const file = path.join(tempDir('lagebild-haproxy-'), 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig(port, nodes));
  const check = spawnSync(bin, ['-c', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0)
    throw new Error(`haproxy refused its configuration: ${check.stderr || check.stdout}`);
  const child = spawn(bin, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${err}`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) throw new Error(`haproxy did not answer: ${err}`);
    await sleep(100);
  }
  return { url, child, stop: () => child.kill('SIGTERM') };
}
