#!/usr/bin/env node
// `npm run test:e2e`: the browser journeys (e2e/playwright.config.ts) and the Electron journeys
// (e2e/electron/playwright.config.ts), each with the list reporter plus a JSON report; the two
// reports are merged into test-results/e2e.json ({ stats: { expected, unexpected, flaky, skipped } })
// for .ci/test.mjs to count. Builds the renderer first if dist/renderer is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
fs.mkdirSync('test-results', { recursive: true });

if (!fs.existsSync('dist/renderer/index.html')) {
  console.log('e2e: dist/renderer is missing, building the renderer first');
  const b = spawnSync('npm', ['run', 'build:renderer'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const suites = [
  { name: 'browser', config: 'e2e/playwright.config.ts', report: 'test-results/e2e-browser.json' },
  { name: 'electron', config: 'e2e/electron/playwright.config.ts', report: 'test-results/e2e-electron.json' },
].filter((s) => fs.existsSync(s.config));

const extra = process.argv.slice(2);
const stats = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
const suitesRun = [];
let exitCode = 0;
for (const s of suites) {
  fs.rmSync(s.report, { force: true });
  console.log(`\n=== e2e ${s.name}: playwright test -c ${s.config}`);
  const r = spawnSync('npx', ['playwright', 'test', '-c', s.config, '--reporter=list,json', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: s.report, PLAYWRIGHT_JSON_OUTPUT_NAME: s.report },
  });
  if (r.status !== 0) exitCode = 1;
  if (!fs.existsSync(s.report)) {
    // A crash before any report counts as one failure, so it cannot pass unnoticed.
    console.log(`e2e ${s.name}: no report written (exit ${r.status})`);
    stats.unexpected++;
    suitesRun.push({ name: s.name, error: `no report (exit ${r.status})` });
    continue;
  }
  const report = JSON.parse(fs.readFileSync(s.report, 'utf8'));
  for (const k of Object.keys(stats)) stats[k] += report.stats?.[k] ?? 0;
  suitesRun.push({ name: s.name, stats: report.stats });
}

fs.writeFileSync('test-results/e2e.json', JSON.stringify({ stats, suites: suitesRun }, null, 2));
console.log(
  `\ne2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed${stats.skipped ? `, ${stats.skipped} skipped` : ''}`,
);
process.exit(exitCode || (stats.unexpected ? 1 : 0));
