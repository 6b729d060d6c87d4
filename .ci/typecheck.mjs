#!/usr/bin/env node
// Typechecks every runtime folder against its own tsconfig (each limits what that folder may see).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const projects = [
  'tsconfig.json',
  'shared/tsconfig.json',
  'server/tsconfig.json',
  'simulator/tsconfig.json',
  'electron/tsconfig.json',
  'electron/main/tsconfig.json',
  'electron/preload/tsconfig.json',
  'renderer/tsconfig.json',
  'e2e/tsconfig.json',
  'e2e/electron/tsconfig.json',
  'electron/launch/tsconfig.json',
  'bench/tsconfig.json',
].filter((p) => fs.existsSync(p));

let failed = 0;
for (const project of projects) {
  const r = spawnSync('npx', ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' });
  console.log(`typecheck ${project}: ${r.status === 0 ? 'ok' : 'FAILED'}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
