/** The CLI as a process: exit codes, and a clean exit when stopped or orphaned. */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const CLI = 'simulator/src/cli.ts';
// Port 9 (discard) is closed on loopback: the simulator keeps waiting for a server there.
const ARGS = ['--url', 'http://127.0.0.1:9', '--token', 'x', '--units', '3'];

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve();
    });
  });
}

describe('simulator CLI process', () => {
  it('exits with code 2 and the usage on bad arguments', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--url', 'http://x', '--units', 'x'], {
      encoding: 'utf8',
      env: { ...process.env, LAGEBILD_INGEST_TOKEN: '' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/simulator: --token is required/);
    expect(r.stderr).toMatch(/Usage: npm run simulate/);
    const missing = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, ...ARGS, '--roads', 'nope.geojson'],
      {
        encoding: 'utf8',
      },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read roads file nope\.geojson/);
  });

  it('stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...ARGS], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForOutput(child, /waiting for the server/);
    const code = exited(child);
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });

  it('stops when the parent that forked it disconnects', async () => {
    const child = fork(CLI, ARGS, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    await waitForOutput(child, /waiting for the server/);
    const code = exited(child);
    child.disconnect();
    expect(await code).toBe(0);
  });

  it('stops when the process named by --parent-pid ends', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, ...ARGS, '--parent-pid', String(parent.pid)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await waitForOutput(child, /waiting for the server/);
    const code = exited(child);
    parent.kill('SIGKILL');
    expect(await code).toBe(0);
  });
});
