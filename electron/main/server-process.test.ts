// Real child processes stand in for the utility process: the code under test only sees streams,
// an exit promise and two ways to stop, which both have.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerStartError, stopServer, waitForServerUrl, type ServerProcess } from './server-process.ts';

const running: ServerProcess[] = [];
afterEach(() => {
  for (const proc of running.splice(0)) proc.forceKill();
});

function nodeProcess(script: string): ServerProcess {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: ServerProcess = {
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    terminate: () => void child.kill('SIGTERM'),
    forceKill: () => void child.kill('SIGKILL'),
  };
  running.push(proc);
  return proc;
}

const keepAlive = 'setInterval(() => {}, 1000);';

describe('waitForServerUrl', () => {
  it('resolves with the URL once the server prints it, even split across writes', async () => {
    const proc = nodeProcess(
      `process.stdout.write('Lage server listening on http://127.0.');
       setTimeout(() => process.stdout.write('0.1:45678\\nIngest token: t\\n'), 50); ${keepAlive}`,
    );
    await expect(waitForServerUrl(proc, 5000)).resolves.toBe('http://127.0.0.1:45678');
  });

  it('rejects with the server output when it exits first', async () => {
    const proc = nodeProcess(`console.error('Error: data dir not writable'); process.exit(3);`);
    const error = await waitForServerUrl(proc, 5000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerStartError);
    expect((error as Error).message).toContain('exited (code 3) before reporting its URL');
    expect((error as Error).message).toContain('Error: data dir not writable');
  });

  it('rejects after the timeout when no URL appears', async () => {
    const proc = nodeProcess(`console.log('starting…'); ${keepAlive}`);
    await expect(waitForServerUrl(proc, 300)).rejects.toThrow('did not report its URL within 0.3 s');
  });
});

describe('stopServer', () => {
  it('stops a server that honours SIGTERM', async () => {
    const proc = nodeProcess(
      `process.on('SIGTERM', () => process.exit(0)); console.log('ready'); ${keepAlive}`,
    );
    // Wait for the handler, not a fixed time: on a loaded machine the child starts slowly.
    await new Promise<void>((resolve) => proc.stdout?.once('data', () => resolve()));
    await expect(stopServer(proc, 3000)).resolves.toBe('stopped');
    await expect(proc.exited).resolves.toBe(0);
  });

  it('kills a server that ignores SIGTERM after the grace period', async () => {
    const proc = nodeProcess(`process.on('SIGTERM', () => {}); console.log('ready'); ${keepAlive}`);
    await new Promise<void>((resolve) => proc.stdout?.once('data', () => resolve()));
    const started = Date.now();
    await expect(stopServer(proc, 300)).resolves.toBe('killed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('returns at once for a process that has already ended', async () => {
    const proc = nodeProcess('process.exit(0)');
    await proc.exited;
    await expect(stopServer(proc, 3000)).resolves.toBe('stopped');
  });
});
