/**
 * `--simulate`: runs the simulator as a child process that talks to this server over HTTP, like any
 * gateway would. The server never imports simulator code; it starts it by path.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function simulatorEntry(): string | undefined {
  const here = import.meta.dirname;
  const candidates = [
    path.resolve(here, '../simulator/cli.js'), // built: dist/server → dist/simulator
    path.resolve(here, '../../simulator/src/cli.ts'), // source, run through tsx
  ];
  return candidates.find((file) => fs.existsSync(file));
}

export function startSimulator(url: string, token: string, extraArgs: readonly string[]): ChildProcess {
  const entry = simulatorEntry();
  if (!entry) throw new Error('simulator not found (expected dist/simulator/cli.js or simulator/src/cli.ts)');
  return fork(entry, ['--url', url, '--token', token, ...extraArgs], {
    execArgv: entry.endsWith('.ts') ? process.execArgv : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
