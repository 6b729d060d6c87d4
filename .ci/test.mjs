#!/usr/bin/env node
// `npm test`: build, typecheck, lint, format check, unit/integration tests (vitest), then the
// end-to-end journeys (Playwright). Each step runs even if an earlier one failed, so one run shows
// everything; the last line is the total "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
fs.mkdirSync('test-results', { recursive: true });

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return r.status === 0;
}

/** A check that is not a test runner counts as one test. */
function check(name, cmd, args) {
  const ok = run(name, cmd, args);
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
  return ok;
}

/** A test runner that wrote a JSON report: count its tests; a crash without a report is one failure. */
function suite(name, cmd, args, reportFile, count, env = {}) {
  fs.rmSync(reportFile, { force: true });
  const ok = run(name, cmd, args, env);
  if (!fs.existsSync(reportFile)) {
    totals.failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const c = count(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  if (c.failed > 0 || (!ok && c.failed === 0)) {
    if (c.failed === 0) totals.failed++;
    failures.push(name);
  }
}

const built = check('build', 'npm', ['run', 'build']);
check('typecheck', 'npm', ['run', 'typecheck']);
check('lint', 'npm', ['run', 'lint']);
check('format', 'npm', ['run', 'format:check']);
suite(
  'unit and integration tests',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'],
  'test-results/vitest.json',
  (r) => ({
    passed: r.numPassedTests,
    failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
    skipped: r.numPendingTests + r.numTodoTests,
  }),
);
suite(
  'end-to-end journeys',
  'node',
  ['e2e/run.mjs'],
  'test-results/e2e.json',
  (r) => ({
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }),
  // The journeys start the server just built (e2e/fixtures/lageServer.ts), not its sources via tsx.
  built ? { LAGEBILD_E2E_SERVER: 'dist' } : {},
);

if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed ? 1 : 0);
