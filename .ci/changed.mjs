#!/usr/bin/env node
// `npm run test:changed [-- --base REV]`: the inner loop. Typecheck, lint and format check of the
// whole tree (they are quick), the vitest files that import what changed (vitest --changed), and
// the browser journeys that cover the changed areas. Without --base it compares with HEAD: the
// uncommitted change, untracked files included. `--dry-run` only prints the plan.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { base: { type: 'string', default: 'HEAD' }, 'dry-run': { type: 'boolean', default: false } },
});
const git = (...a) => spawnSync('git', a, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
const changed = [
  ...new Set([
    ...git('diff', '--name-only', values.base),
    ...git('ls-files', '--others', '--exclude-standard'),
  ]),
];

// Which journeys cover which code: a changed path matching a pattern selects those specs.
const AREAS = [
  [/replay|playback|import/, ['replay']],
  [/heatmap/, ['heatmap', 'heatmap-compare']],
  [/basemap|assets\//, ['basemap', 'basemap-settings', 'dashboard-basemap']],
  [/wall/, ['wall', 'send-to-wall']],
  [/panels|stores|incident|commands|i18n/, ['panels', 'panels-keyboard']],
  [/security|auth|login|audit|users/, ['auth', 'audit']],
  [/connection|live|sockets|reducer|wire|redact/, ['reconnect', 'map', 'wall']],
  [/renderer\/src\/map|simulator/, ['map']],
  // The picture source feeds live and replay alike; colours and themes reach map, panels and walls.
  [/renderer\/src\/source\//, ['reconnect', 'map', 'replay']],
  [/renderer\/src\/theme\//, ['map', 'panels', 'wall']],
];
const specs = new Set();
for (const file of changed) {
  if (file.startsWith('e2e/') && file.endsWith('.spec.ts') && !file.startsWith('e2e/electron/')) {
    specs.add(path.basename(file, '.spec.ts'));
    continue;
  }
  if (file.startsWith('e2e/fixtures/')) {
    const fixture = path.basename(file, '.ts');
    for (const s of fs.readdirSync('e2e').filter((f) => f.endsWith('.spec.ts')))
      if (fs.readFileSync(path.join('e2e', s), 'utf8').includes(`fixtures/${fixture}.ts`))
        specs.add(path.basename(s, '.spec.ts'));
    continue;
  }
  if (!/^(renderer|server|shared|simulator|tools|assets)\//.test(file) || /\.test\.tsx?$/.test(file))
    continue;
  const hits = AREAS.filter(([re]) => re.test(file)).flatMap(([, s]) => s);
  // Code no area names still reaches the screen: the map journey is the smoke test.
  for (const s of hits.length ? hits : ['map']) specs.add(s);
}
const specFiles = [...specs].map((s) => `e2e/${s}.spec.ts`).filter((f) => fs.existsSync(f));

console.log(`changed since ${values.base}: ${changed.length} files`);
console.log(`journeys: ${specFiles.length ? specFiles.join(' ') : 'none'}`);
if (values['dry-run']) process.exit(0);

let failed = 0;
const step = (name, cmd, args) => {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) failed++;
};
step('typecheck', 'npm', ['run', 'typecheck']);
step('lint', 'npm', ['run', 'lint']);
step('format', 'npm', ['run', 'format:check']);
step('unit tests of the change', 'npx', ['vitest', 'run', '--changed', values.base, '--passWithNoTests']);
if (specFiles.length) {
  step('build renderer', 'npm', ['run', 'build:renderer']);
  step('journeys', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...specFiles]);
}
console.log(failed ? `\ntest:changed: ${failed} step(s) failed` : '\ntest:changed: all steps passed');
process.exit(failed ? 1 : 0);
