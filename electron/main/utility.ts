/**
 * Starts a built Node program (server, simulator) as an Electron utility process, or in
 * development as a child process of the system Node (see runtime.ts), and adapts it to the
 * ServerProcess shape, forwarding its output to main's console with a prefix.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { app, utilityProcess } from 'electron';
import { chooseRuntime } from './runtime.ts';
import type { ServerProcess } from './server-process.ts';

function forward(stream: NodeJS.ReadableStream | null, prefix: string, write: (line: string) => void): void {
  stream?.on('data', (chunk: Buffer | string) => {
    for (const line of String(chunk).split(/\r?\n/)) if (line) write(`[${prefix}] ${line}`);
  });
}

export function forkUtility(entry: string, args: string[], name: string): ServerProcess {
  const runtime = chooseRuntime({
    packaged: app.isPackaged,
    nodePath: process.env['LAGEBILD_NODE'],
    exists: existsSync,
  });
  if (runtime.kind === 'node') return spawnNode(runtime.execPath, entry, args, name);
  const child = utilityProcess.fork(entry, args, {
    stdio: 'pipe',
    serviceName: `Lagebild ${name}`,
    // Packaged, the app path is inside the asar archive, which cannot be a working directory.
    cwd: app.isPackaged ? process.resourcesPath : app.getAppPath(),
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  forward(child.stdout, name, (line) => console.log(line));
  forward(child.stderr, name, (line) => console.error(line));
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    terminate: () => void child.kill(),
    forceKill: () => {
      try {
        if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      } catch {
        // It ended between the grace timeout and now: nothing left to kill.
      }
    },
  };
}

function spawnNode(execPath: string, entry: string, args: string[], name: string): ServerProcess {
  const child = spawn(execPath, [entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: app.getAppPath(),
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A utility process ends with the app; a child process is ended when main exits, however it exits.
  const endWithMain = (): void => void child.kill('SIGTERM');
  process.once('exit', endWithMain);
  void exited.then(() => process.off('exit', endWithMain));
  forward(child.stdout, name, (line) => console.log(line));
  forward(child.stderr, name, (line) => console.error(line));
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    terminate: () => void child.kill('SIGTERM'),
    forceKill: () => void child.kill('SIGKILL'),
  };
}
