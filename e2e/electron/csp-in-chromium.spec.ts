/**
 * The Electron CSP against the real dashboard, in Debian Chromium (runs without an Electron
 * binary): the real server with the simulator on a loopback port, every dashboard response given
 * the exact policy main adds (electron/main/csp.ts), and the map must still render units with no
 * policy violation. This catches a CSP that would break MapLibre's worker, styles or the socket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { buildCsp, withCsp } from '../../electron/main/csp.ts';
import { repoRoot } from './electron-app.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const hasDashboard = existsSync(join(repoRoot, 'dist/renderer/index.html'));
const reason = !existsSync(CHROMIUM)
  ? `skipped: no ${CHROMIUM}`
  : !hasDashboard
    ? 'skipped: dashboard not built (run npm run build:renderer)'
    : '';
if (reason) console.log(`${reason}: e2e/electron/csp-in-chromium.spec.ts`);
test.skip(reason !== '', reason);

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let dataDir = '';
let origin = '';

function serverCommand(): string[] {
  const built = join(repoRoot, 'dist/server/main.js');
  return existsSync(built) ? [built] : ['--import', 'tsx', join(repoRoot, 'server/src/cli.ts')];
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lagebild-e2e-csp-'));
  server = spawn(process.execPath, [...serverCommand(), '--port', '0', '--data-dir', dataDir, '--simulate'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  origin = await new Promise<string>((resolve, reject) => {
    let seen = '';
    server?.stdout?.on('data', (chunk: Buffer) => {
      seen += String(chunk);
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
      if (match) resolve(match[0]);
    });
    server?.once('exit', (code) => reject(new Error(`server exited (${code}) before printing its URL`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (server && server.exitCode === null) await new Promise((r) => server?.once('exit', r));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the dashboard renders units under the Electron CSP without a single violation', async () => {
  test.setTimeout(90_000);
  const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const csp = buildCsp(origin);
  // Same as main's onHeadersReceived: every response from the dashboard origin gets the policy.
  // Socket.IO polling stays unrouted: the CSP only matters on documents and worker scripts.
  const isDashboard = (url: URL): boolean => url.origin === origin && !url.pathname.startsWith('/socket.io/');
  await page.route(isDashboard, async (route) => {
    const response = await route.fetch();
    const headers = withCsp(response.headers(), csp);
    const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.join(', ')]));
    await route.fulfill({ response, headers: flat });
  });
  // Anything that leaves the origin would be a violation too; fail it loudly rather than fetch it.
  await page.route(
    (url) => !url.href.startsWith(origin) && /^https?:/.test(url.protocol),
    (route) => route.abort(),
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(
        `${e.effectiveDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) consoleErrors.push(msg.text());
  });

  // Sign in as the local user the server created in its data dir (as Electron main does).
  const credential = JSON.parse(readFileSync(join(dataDir, 'local-credential.json'), 'utf8')) as object;
  expect((await context.request.post(`${origin}/api/v1/auth/login`, { data: credential })).ok()).toBe(true);
  const response = await page.goto(`${origin}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByTestId('connection-indicator')).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          type Hook = { __lagebild?: { map?: { queryRenderedFeatures(): { source: string }[] } } };
          const map = (window as unknown as Hook).__lagebild?.map;
          return map?.queryRenderedFeatures().filter((f) => f.source === 'units').length ?? 0;
        }),
      { timeout: 45_000 },
    )
    .toBeGreaterThan(0);
  // The live socket runs in its own worker (renderer/src/connection/socketWorker.ts, issue 19): the
  // policy lets it start (worker-src 'self') and lets it reach the server (the worker's own
  // connect-src), or the dashboard would not be live through it.
  expect(
    page
      .workers()
      .map((w) => w.url())
      .filter((u) => /socketWorker-[^/]*\.js$/.test(u)),
  ).toHaveLength(1);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
  await page.screenshot({ path: test.info().outputPath('dashboard-under-electron-csp.png') });
  const violations = await page.evaluate(
    () => (window as unknown as { cspViolations: string[] }).cspViolations,
  );
  // zod probes `Function('')` once to choose its fast path and falls back when the CSP refuses it;
  // the refusal is what we want. Reported (not failed) until the renderer sets z.config({ jitless: true }).
  const isEvalProbe = (text: string): boolean => /^script-src eval\b|unsafe-eval/.test(text);
  const probes = [...violations, ...consoleErrors].filter(isEvalProbe);
  if (probes.length) console.log(`note: ${probes.length} refused eval probe(s), e.g. ${probes[0]}`);
  expect(violations.filter((v) => !isEvalProbe(v))).toEqual([]);
  expect(consoleErrors.filter((e) => !isEvalProbe(e))).toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
});
