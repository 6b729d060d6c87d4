/**
 * Starts a built Node program (server, simulator) as an Electron utility process and adapts it to
 * the ServerProcess shape, forwarding its output to main's console with a prefix.
 */
import { app, utilityProcess } from 'electron';
import type { ServerProcess } from './server-process.ts';

function forward(stream: NodeJS.ReadableStream | null, prefix: string, write: (line: string) => void): void {
  stream?.on('data', (chunk: Buffer | string) => {
    for (const line of String(chunk).split(/\r?\n/)) if (line) write(`[${prefix}] ${line}`);
  });
}

export function forkUtility(entry: string, args: string[], name: string): ServerProcess {
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
