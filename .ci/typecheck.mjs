#!/usr/bin/env node
// Typechecks every runtime folder against its own tsconfig (each limits what that folder may see).
// tsc is single-threaded: the projects run side by side, one per core.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const projects = [
  'tsconfig.json',
  'shared/tsconfig.json',
  'server/tsconfig.json',
  'simulator/tsconfig.json',
  'tools/tsconfig.json',
  'electron/tsconfig.json',
  'electron/main/tsconfig.json',
  'electron/preload/tsconfig.json',
  'renderer/tsconfig.json',
  'renderer/tsconfig.server-tests.json',
  'e2e/tsconfig.json',
  'e2e/electron/tsconfig.json',
  'electron/launch/tsconfig.json',
  'bench/tsconfig.json',
].filter((p) => fs.existsSync(p));

/** Runs one project; its output is printed in one piece when it ends, so projects do not interleave. */
function check(project) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '--noEmit', '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      if (out) process.stdout.write(out);
      console.log(`typecheck ${project}: ${code === 0 ? 'ok' : 'FAILED'}`);
      resolve(code === 0);
    });
  });
}

const queue = [...projects];
let failed = 0;
const lanes = Array.from({ length: Math.max(1, Math.min(os.availableParallelism(), 4)) }, async () => {
  for (let p = queue.shift(); p; p = queue.shift()) if (!(await check(p))) failed++;
});
await Promise.all(lanes);
process.exit(failed ? 1 : 0);
