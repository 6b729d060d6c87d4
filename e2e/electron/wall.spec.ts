/**
 * Wall journeys (issue 7, Electron side): assigning a display opens a kiosk wall on
 * `/?mode=wall&layout=<name>` with the cursor hidden and the display kept awake, one wall window per
 * assigned display at that display's bounds; "send to wall" reaches the wall page and only the
 * workstation may send; the settings dialog assigns a layout with cycling and the "An die Wand"
 * button on an incident's details reaches the wall; a crashed wall renderer comes back by
 * itself; clearing closes the wall; saved walls reopen at start and a damaged walls.json opens none
 * and says so. A test machine has one display, so the wall shares it with the workstation; how
 * walls follow displays being added or removed is unit-tested (electron/main/wall-*.test.ts).
 * Skipped, with the printed reason "skipped: no Electron binary", where no Electron binary runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { DisplayInfo, LagebildBridge, WallCommand } from '#shared/ipc';
import { electronPath, launchApp, newUserDataDir, NO_ELECTRON, removeDir } from './electron-app.ts';

type PageGlobals = { lagebild: LagebildBridge; seenOnWall?: WallCommand[] };

if (!electronPath) console.log(`${NO_ELECTRON}: e2e/electron/wall.spec.ts`);
test.skip(!electronPath, NO_ELECTRON);
test.describe.configure({ mode: 'serial', timeout: 120_000 });

let userData = '';
let app: ElectronApplication;
let workstation: Page;
let origin = '';
let primary: DisplayInfo;

const bridge = (page: Page) => ({
  list: () => page.evaluate(() => (window as unknown as PageGlobals).lagebild.listDisplays()),
  call: (fn: string, ...args: unknown[]) =>
    page.evaluate(
      ([name, rest]) => {
        const b = (window as unknown as PageGlobals).lagebild as unknown as Record<
          string,
          (...a: unknown[]) => Promise<unknown>
        >;
        return b[name as string]!(...(rest as unknown[])).then(
          (value) => ({ ok: true, value }),
          (error: Error) => ({ ok: false, error: error.message }),
        );
      },
      [fn, args] as const,
    ),
});

/** What main knows of its windows: URL, kiosk state, crashed or not. */
const windows = () =>
  app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((w) => ({
      url: w.webContents.getURL(),
      kiosk: w.isKiosk(),
      crashed: w.webContents.isCrashed(),
    })),
  );

/** The wall windows with the display each covers (the one its centre lies on) and its bounds. */
const wallWindows = () =>
  app.evaluate(({ BrowserWindow, screen }) =>
    BrowserWindow.getAllWindows()
      .filter((w) => w.webContents.getURL().includes('mode=wall'))
      .map((w) => {
        const b = w.getBounds();
        const d = screen.getDisplayNearestPoint({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
        return {
          displayId: d.id,
          bounds: b,
          displayBounds: d.bounds,
          fullScreen: w.isFullScreen() || w.isKiosk(),
        };
      }),
  );

type Hook = {
  __lagebild?: {
    stores: {
      picture: {
        getState(): { picture: { incidents: Record<string, { id: string; number: string; state: string }> } };
      };
      selection: { getState(): { select(s: { kind: 'incident'; id: string }): void } };
    };
  };
};
/** Runs in the workstation page: selects an open incident and returns it (null while there is none). */
function selectOpenIncident(): { id: string; number: string } | null {
  const h = (window as unknown as Hook).__lagebild;
  const open = Object.values(h?.stores.picture.getState().picture.incidents ?? {}).find(
    (i) => i.state !== 'abgeschlossen',
  );
  if (!open) return null;
  h?.stores.selection.getState().select({ kind: 'incident', id: open.id });
  return { id: open.id, number: open.number };
}

const wallUrl = (layout: string) => `${origin}/?mode=wall&layout=${layout}`;

test.beforeAll(async () => {
  userData = newUserDataDir();
  ({ app, page: workstation, origin } = await launchApp(userData));
  const list = await bridge(workstation).list();
  const found = list.displays.find((d) => d.primary);
  if (!found) throw new Error('no primary display reported');
  primary = found;
});

test.afterAll(async () => {
  await app?.close();
  if (userData) removeDir(userData);
});

test('assigning a display opens a kiosk wall with the cursor hidden and the display kept awake', async () => {
  const opened = app.waitForEvent('window');
  const result = await bridge(workstation).call('assignWall', primary.id, 'lage');
  expect(result).toMatchObject({ ok: true });
  const wall = await opened;
  await wall.waitForURL(wallUrl('lage'), { timeout: 30_000 });
  await expect.poll(windows).toContainEqual({ url: wallUrl('lage'), kiosk: true, crashed: false });
  await expect
    .poll(() => wall.evaluate(() => getComputedStyle(document.body).cursor), { timeout: 15_000 })
    .toBe('none');
  const list = await bridge(workstation).list();
  expect(list.keepAwake).toBe(true);
  expect(list.displays.find((d) => d.id === primary.id)).toMatchObject({
    wallLayout: 'lage',
    restarts: 0,
  });
  const saved = JSON.parse(readFileSync(join(userData, 'walls.json'), 'utf8')) as unknown;
  expect(saved).toMatchObject({ version: 1, walls: [{ displayId: primary.id, layout: 'lage' }] });
  // The renderer's wall view (renderer/src/wallWindow) answers the route.
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', 'lage', { timeout: 30_000 });
  await wall.screenshot({ path: test.info().outputPath('electron-wall-lage.png') });
});

test('send to wall reaches the wall page; a wall may neither send nor reassign', async () => {
  const wall = app.windows().find((p) => p.url().includes('mode=wall'));
  if (!wall) throw new Error('the wall window is gone');
  await wall.evaluate(() => {
    const globals = window as unknown as PageGlobals;
    globals.seenOnWall = [];
    globals.lagebild.onWallCommand((command) => globals.seenOnWall?.push(command));
  });
  const sent = await bridge(workstation).call('showOnWall', { kind: 'incident', id: 'E-2026-0042' });
  expect(sent).toEqual({ ok: true, value: { delivered: 1 } });
  await expect
    .poll(() => wall.evaluate(() => (window as unknown as PageGlobals).seenOnWall))
    .toEqual([{ kind: 'incident', id: 'E-2026-0042' }]);
  // The wall page's own subscription (renderer/src/wallWindow/WallApp.tsx) shows the focus.
  await expect(wall.getByTestId('wall-focus')).toContainText('E-2026-0042');

  const fromWall = await bridge(wall).call('showOnWall', { kind: 'unit', id: 'KO-1' });
  expect(fromWall).toEqual({ ok: false, error: expect.stringContaining('only the workstation window') });
  const reassign = await bridge(wall).call('assignWall', primary.id, 'heatmap');
  expect(reassign).toEqual({ ok: false, error: expect.stringContaining('only the workstation window') });
  const bad = await bridge(workstation).call('showOnWall', { kind: 'caller', id: 'x' });
  expect(bad).toEqual({ ok: false, error: expect.stringContaining('IPC wall:show: invalid arguments') });
});

test('one wall window per assigned display, covering that display', async () => {
  const list = await bridge(workstation).list();
  const assigned = list.displays.filter((d) => d.wallLayout);
  const walls = await wallWindows();
  expect(walls).toHaveLength(assigned.length);
  for (const d of assigned) {
    const w = walls.find((x) => x.displayId === d.id);
    expect(w, `wall on display ${d.id}`).toBeDefined();
    expect(w).toMatchObject({ bounds: d.bounds, displayBounds: d.bounds, fullScreen: true });
  }
});

test('the settings dialog assigns a cycling layout; "An die Wand" on an incident reaches the wall', async () => {
  const wall = app.windows().find((p) => p.url().includes('mode=wall'));
  if (!wall) throw new Error('the wall window is gone');
  await workstation.getByTestId('settings-open').click();
  await expect(workstation.getByTestId('wall-settings')).toHaveAttribute('data-platform', 'electron');
  await expect(workstation.getByTestId(`wall-layout-${primary.id}`)).toHaveValue('lage');
  await workstation.getByTestId(`wall-layout-${primary.id}`).selectOption('einsaetze');
  await workstation.getByTestId(`wall-cycle-${primary.id}`).selectOption('60');
  // Same window, new address: main reloads the wall for the new layout and cycle.
  await wall.waitForURL(`${origin}/?mode=wall&layout=einsaetze&cycle=60`, { timeout: 30_000 });
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', /einsaetze|status|heatmap|lage/);
  await expect(wall.getByTestId('wall-cycle')).toBeVisible({ timeout: 30_000 });
  expect((await bridge(workstation).list()).displays.find((d) => d.id === primary.id)).toMatchObject({
    wallLayout: 'einsaetze',
    wallCycle: 60,
  });
  await workstation.keyboard.press('Escape');

  // An open incident of the embedded simulator, selected as the operator would from the list.
  let incident: { id: string; number: string } | null = null;
  await expect
    .poll(async () => (incident = await workstation.evaluate(selectOpenIncident)), { timeout: 60_000 })
    .not.toBeNull();
  if (!incident) throw new Error('no open incident');
  await workstation.getByTestId('send-to-wall').click();
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', 'lage', { timeout: 15_000 });
  await expect(wall.getByTestId('wall-focus')).toContainText((incident as { number: string }).number);
  await wall.screenshot({ path: test.info().outputPath('electron-wall-sent-from-details.png') });
});

test('a crashed wall renderer is restarted and hides the cursor again', async () => {
  await app.evaluate(({ BrowserWindow }) => {
    const wall = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().includes('mode=wall'));
    wall?.webContents.forcefullyCrashRenderer();
  });
  await expect
    .poll(async () => (await bridge(workstation).list()).displays.find((d) => d.id === primary.id)?.restarts)
    .toBe(1);
  await expect
    .poll(
      () =>
        app.evaluate(async ({ BrowserWindow }) => {
          const wall = BrowserWindow.getAllWindows().find((w) =>
            w.webContents.getURL().includes('mode=wall'),
          );
          if (!wall || wall.webContents.isCrashed() || wall.webContents.isLoading()) return 'not yet';
          return wall.webContents.executeJavaScript(
            'getComputedStyle(document.body).cursor',
          ) as Promise<string>;
        }),
      { timeout: 30_000 },
    )
    .toBe('none');
});

test('clearing the wall closes it and lets the display sleep', async () => {
  const cleared = await bridge(workstation).call('clearWall', primary.id);
  expect(cleared).toMatchObject({ ok: true, value: { keepAwake: false } });
  await expect.poll(async () => (await windows()).length).toBe(1);
  const unknown = await bridge(workstation).call('clearWall', primary.id);
  expect(unknown).toEqual({ ok: false, error: expect.stringContaining(`display ${primary.id} has no wall`) });
});

test('saved walls reopen at start; a damaged walls.json opens none and says why', async () => {
  await app.close();
  const entry = { displayId: primary.id, label: primary.label, bounds: primary.bounds, layout: 'status' };
  writeFileSync(join(userData, 'walls.json'), JSON.stringify({ version: 1, walls: [entry] }));
  const saved = await launchApp(userData);
  app = saved.app;
  await expect
    .poll(() => app.windows().map((p) => p.url()))
    .toContain(`${saved.origin}/?mode=wall&layout=status`);
  await app.close();

  writeFileSync(
    join(userData, 'walls.json'),
    JSON.stringify({ version: 1, walls: [{ ...entry, layout: 'Ü' }] }),
  );
  const damaged = await launchApp(userData);
  app = damaged.app;
  await expect
    .poll(() => damaged.logs.join('\n'))
    .toMatch(/walls: ignoring damaged .*walls\.json: walls\.0\.layout/);
  await damaged.page.waitForTimeout(2_000);
  expect(app.windows()).toHaveLength(1);
});
