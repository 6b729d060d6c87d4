/**
 * Electron journeys: the app starts its embedded server and shows units, closing it stops the
 * server, a second launch focuses the first, the window remembers its place, a remote server is
 * used when LAGEBILD_SERVER_URL names one. Where no Electron binary can run they are skipped and
 * say so ("skipped: no Electron binary").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { LagebildBridge } from '#shared/ipc';
import { electronPath, launchApp, newUserDataDir, NO_ELECTRON, removeDir, repoRoot } from './electron-app.ts';

/** What the journeys read from the page: the preload bridge and the renderer's debug hook. */
type PageGlobals = {
  lagebild?: LagebildBridge;
  __lagebild?: { map?: { queryRenderedFeatures(): { source: string }[] } };
};

if (!electronPath) console.log(`${NO_ELECTRON}: e2e/electron/app.spec.ts`);
test.skip(!electronPath, NO_ELECTRON);
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** Units in the embedded server's picture, read as its local user (credential in its data dir). */
async function unitCount(origin: string, userData: string): Promise<number> {
  const credential = JSON.parse(
    readFileSync(join(userData, 'data', 'local-credential.json'), 'utf8'),
  ) as object;
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credential, token: true }),
  });
  const { token } = (await login.json()) as { token?: string };
  const res = await fetch(`${origin}/api/v1/snapshot`, {
    headers: { authorization: `Bearer ${token ?? ''}` },
  });
  if (!res.ok) return -res.status;
  const body = (await res.json()) as { units?: unknown[] };
  return body.units?.length ?? 0;
}

async function isUp(origin: string): Promise<boolean> {
  return fetch(`${origin}/api/v1/health`).then(
    (res) => res.ok,
    () => false,
  );
}

test('the app starts its local server and shows units; closing it stops the server', async () => {
  const userData = newUserDataDir();
  try {
    const { app, page, origin } = await launchApp(userData);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(page.url()).toBe(`${origin}/`);

    const info = await page.evaluate(() => (window as unknown as PageGlobals).lagebild?.getAppInfo());
    expect(info).toMatchObject({ serverUrl: origin, embedded: true });

    await expect.poll(() => unitCount(origin, userData), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('connection-indicator')).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (window as unknown as PageGlobals).__lagebild?.map
                ?.queryRenderedFeatures()
                .filter((f) => f.source === 'units').length ?? 0,
          ),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath('electron-dashboard.png') });

    await app.close();
    await expect.poll(() => isUp(origin), { timeout: 15_000 }).toBe(false);
  } finally {
    removeDir(userData);
  }
});

test('a second launch focuses the running app and exits', async () => {
  const userData = newUserDataDir();
  try {
    const { app } = await launchApp(userData);
    // Root in a container needs --no-sandbox, as Playwright passes to the first instance.
    const second = spawn(electronPath ?? '', ['--no-sandbox', repoRoot], {
      env: { ...process.env, LAGEBILD_USER_DATA_DIR: userData },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    expect(app.windows()).toHaveLength(1);
    await app.close();
  } finally {
    removeDir(userData);
  }
});

test('the window reopens where it was left', async () => {
  const userData = newUserDataDir();
  const wanted = { x: 60, y: 50, width: 1000, height: 700 };
  try {
    const first = await launchApp(userData);
    await first.app.evaluate(
      ({ BrowserWindow }, bounds) => BrowserWindow.getAllWindows()[0]?.setBounds(bounds),
      wanted,
    );
    await first.page.waitForTimeout(800); // the state is saved shortly after the last move
    await first.app.close();

    const second = await launchApp(userData);
    const bounds = await second.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.getNormalBounds(),
    );
    // Window managers may shift a window by its decorations; size is exact, position close.
    expect(bounds?.width).toBe(wanted.width);
    expect(bounds?.height).toBe(wanted.height);
    expect(Math.abs((bounds?.x ?? 0) - wanted.x)).toBeLessThan(60);
    expect(Math.abs((bounds?.y ?? 0) - wanted.y)).toBeLessThan(60);
    await second.app.close();
  } finally {
    removeDir(userData);
  }
});

test('LAGEBILD_SERVER_URL makes the app show that server and start none of its own', async () => {
  const userData = newUserDataDir();
  let server: ChildProcess | undefined;
  try {
    server = spawn(
      process.execPath,
      [
        join(repoRoot, 'dist/server/main.js'),
        '--port',
        '0',
        '--data-dir',
        join(userData, 'remote'),
        '--simulate',
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const remote = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server?.stdout?.on('data', (chunk: Buffer) => {
        seen += String(chunk);
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(seen);
        if (match) resolve(match[0]);
      });
      server?.once('exit', (code) => reject(new Error(`remote server exited (${code})`)));
    });
    const { app, page, origin } = await launchApp(userData, { LAGEBILD_SERVER_URL: remote });
    expect(origin).toBe(remote);
    expect(
      await page.evaluate(() => (window as unknown as PageGlobals).lagebild?.getAppInfo()),
    ).toMatchObject({ serverUrl: remote, embedded: false });
    await app.close();
    expect(await isUp(remote)).toBe(true); // not the app's to stop
  } finally {
    server?.kill('SIGTERM');
    removeDir(userData);
  }
});
