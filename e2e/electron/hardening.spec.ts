/**
 * The hardening journey: the page has no Node, the window is isolated and sandboxed, the CSP blocks
 * inline scripts, eval and foreign hosts, new windows and foreign navigation are refused, web
 * permissions are denied, and the bridge refuses bad arguments. Skipped, with the printed reason
 * "skipped: no Electron binary", where no Electron binary can run.
 */
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { LagebildBridge } from '#shared/ipc';
import { electronPath, launchApp, newUserDataDir, NO_ELECTRON, removeDir } from './electron-app.ts';

type PageGlobals = { lagebild?: LagebildBridge; __inlineRan?: boolean };

if (!electronPath) console.log(`${NO_ELECTRON}: e2e/electron/hardening.spec.ts`);
test.skip(!electronPath, NO_ELECTRON);
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let userData = '';
let app: ElectronApplication;
let page: Page;
let origin = '';

test.beforeAll(async () => {
  userData = newUserDataDir();
  ({ app, page, origin } = await launchApp(userData));
  // Record external opens instead of starting the OS browser on the test machine.
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as unknown as { opened: string[] }).opened = opened;
    shell.openExternal = async (url: string) => void opened.push(url);
  });
});

test.afterAll(async () => {
  await app?.close();
  if (userData) removeDir(userData);
});

test('the page sees no Node and the window is isolated and sandboxed', async () => {
  const globals = await page.evaluate(() => [typeof process, typeof require, typeof module, typeof Buffer]);
  expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Not in Electron's public typings, but present at run time: the preferences the page got.
    type WithPrefs = { getLastWebPreferences?: () => Electron.WebPreferences | null };
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as WithPrefs | undefined;
    const p = contents?.getLastWebPreferences?.();
    return { ci: p?.contextIsolation, sandbox: p?.sandbox, node: p?.nodeIntegration, webview: p?.webviewTag };
  });
  expect(prefs).toEqual({ ci: true, sandbox: true, node: false, webview: false });
});

test('the CSP blocks inline scripts, eval and requests to other hosts', async () => {
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    let evalBlocked = false;
    try {
      eval('1 + 1');
    } catch {
      evalBlocked = true;
    }
    const fetched = await fetch('https://example.org/leak').then(
      () => 'sent',
      () => 'blocked',
    );
    await new Promise((r) => setTimeout(r, 200));
    return {
      inlineRan: (window as unknown as PageGlobals).__inlineRan === true,
      evalBlocked,
      fetched,
      violations,
    };
  });
  expect(result.inlineRan).toBe(false);
  expect(result.evalBlocked).toBe(true);
  expect(result.fetched).toBe('blocked');
  expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src', 'connect-src']));
});

test('window.open never creates a window; web links go to the OS browser', async () => {
  const opened = await page.evaluate(
    (dash) =>
      [
        window.open(`${dash}/?second`),
        window.open('https://www.polizei.nrw/'),
        window.open('file:///etc/passwd'),
      ].map((w) => w === null),
    origin,
  );
  expect(opened).toEqual([true, true, true]);
  expect(app.windows()).toHaveLength(1);
  const external = await app.evaluate(() => (globalThis as unknown as { opened: string[] }).opened);
  expect(external).toEqual(['https://www.polizei.nrw/']);
});

test('navigation to another origin is blocked', async () => {
  for (const target of ['https://example.org/', 'file:///etc/passwd', 'http://127.0.0.1:1/']) {
    await page.evaluate((url) => {
      location.href = url;
    }, target);
    await page.waitForTimeout(500);
    expect(new URL(page.url()).origin).toBe(origin);
  }
});

test('web permissions are denied', async () => {
  const states = await page.evaluate(async () => ({
    geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
    notifications: await Notification.requestPermission(),
  }));
  expect(states).toEqual({ geolocation: 'denied', notifications: 'denied' });
});

test('the bridge refuses arguments that break the contract', async () => {
  const error = await page.evaluate(() =>
    (window as unknown as { lagebild: { setFullScreen(v: unknown): Promise<boolean> } }).lagebild
      .setFullScreen('yes')
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      ),
  );
  expect(error).toContain('IPC window:setFullScreen: invalid arguments');
});
