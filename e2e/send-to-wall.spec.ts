/**
 * "Send to wall" from the workstation in the real dashboard against the real server: with a
 * stand-in for the Electron bridge (the real one runs in e2e/electron/wall.spec.ts where an
 * Electron binary exists), the "An die Wand" button on an incident's details and the W key on a
 * selected unit hand the selection to showOnWall; the test relays it as main would to a real wall
 * page (signed in as a wall), which shows it. The settings dialog lists the stand-in's displays and
 * assigns through it. Without a wall open the action is not offered.
 */
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { waitForMap } from './fixtures/dashboard.ts';

const INCIDENT = { id: 'e2e-stw-inc', number: 'E2E-STW-1' };
const UNIT = { id: 'e2e-stw-unit', callsign: 'E2E Wand 1' };

type Sent = { calls: unknown[][] };
type Hook = {
  __lagebild?: { stores: { selection: { getState(): { select(s: { kind: string; id: string }): void } } } };
};

/** The workstation's stand-in bridge: one display showing the `lage` wall; records every call. */
function workstationBridge(wallOpen: boolean): void {
  const w = window as unknown as Record<string, unknown>;
  const calls: unknown[][] = [];
  w['__sent'] = { calls };
  const bounds = { x: 0, y: 0, width: 1920, height: 1080 };
  let layout: string | null = wallOpen ? 'lage' : null;
  const list = () =>
    Promise.resolve({
      displays: [
        {
          id: 7,
          label: 'Wand links',
          bounds,
          workArea: bounds,
          primary: false,
          wallLayout: layout,
          workstation: false,
          restarts: 0,
        },
        {
          id: 1,
          label: 'Built-in',
          bounds,
          workArea: bounds,
          primary: true,
          wallLayout: null,
          workstation: true,
          restarts: 0,
        },
      ],
      missing: [],
      keepAwake: layout !== null,
    });
  w['lagebild'] = {
    getAppInfo: () =>
      Promise.resolve({ version: 'e2e', platform: 'linux', serverUrl: location.origin, embedded: false }),
    setFullScreen: (on: boolean) => Promise.resolve(on),
    listDisplays: () => (calls.push(['listDisplays']), list()),
    assignWall: (id: number, l: string, cycle?: number | null) => {
      calls.push(['assignWall', id, l, cycle ?? null]);
      layout = l;
      return list();
    },
    clearWall: (id: number) => (calls.push(['clearWall', id]), (layout = null), list()),
    setWorkstationDisplay: (id: number | null) => (calls.push(['setWorkstationDisplay', id]), list()),
    showOnWall: (c: unknown) => (calls.push(['showOnWall', c]), Promise.resolve({ delivered: 1 })),
    onWallCommand: () => () => undefined,
  };
}

/** The wall page's stand-in: the command arrives from the test, as main would deliver it. */
function wallBridge(): void {
  const w = window as unknown as Record<string, unknown>;
  w['lagebild'] = {
    getAppInfo: () =>
      Promise.resolve({ version: 'e2e', platform: 'linux', serverUrl: location.origin, embedded: false }),
    onWallCommand: (cb: (c: unknown) => void) => {
      w['__deliver'] = cb;
      return () => undefined;
    },
  };
}

const sent = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __sent: Sent }).__sent.calls.filter((c) => c[0] === 'showOnWall'),
  );
const select = (page: Page, kind: 'unit' | 'incident', id: string) =>
  page.evaluate(
    ([k, i]) =>
      (window as unknown as Hook).__lagebild?.stores.selection.getState().select({ kind: k, id: i }),
    [kind, id] as const,
  );
const deliver = (wall: Page, command: unknown) =>
  wall.evaluate((c) => (window as unknown as { __deliver: (c: unknown) => void }).__deliver(c), command);

test.describe('send to wall from the workstation', () => {
  let server: LageServer;
  test.beforeAll(async () => {
    server = await LageServer.start();
    await server.ingest('units', [{ ...UNIT, kind: 'funkstreifenwagen', district: 'Köln-Mitte', status: 2 }]);
    await server.ingest('positions', [{ unitId: UNIT.id, lat: 50.9413, lon: 6.9583 }]);
    await server.ingest('incidents', [
      {
        op: 'open',
        id: INCIDENT.id,
        number: INCIDENT.number,
        type: 'einbruch',
        priority: 1,
        lat: 50.9402,
        lon: 6.9573,
      },
    ]);
  });
  test.afterAll(async () => {
    await server?.stop();
    server?.removeData();
  });

  test('the details button and W reach the wall; the settings assign through the bridge', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const wallContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const wsContext = await browser.newContext();
    try {
      const wall = await wallContext.newPage();
      await wall.addInitScript(wallBridge);
      await server.open(wall, '/?mode=wall&layout=status', { as: 'wall' });
      await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', 'status');

      const ws = await wsContext.newPage();
      await ws.addInitScript(workstationBridge, true);
      await server.open(ws);
      await waitForMap(ws);

      // The incident's details offer "An die Wand"; the click goes to the bridge and is confirmed.
      await select(ws, 'incident', INCIDENT.id);
      await ws.getByTestId('send-to-wall').click();
      await expect(ws.getByText(`${INCIDENT.number} an 1 Wand/Wände gesendet`)).toBeVisible();
      expect(await sent(ws)).toEqual([['showOnWall', { kind: 'incident', id: INCIDENT.id }]]);
      await deliver(wall, { kind: 'incident', id: INCIDENT.id });
      await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', 'lage');
      await expect(wall.getByTestId('wall-focus')).toContainText(INCIDENT.number);

      // W sends the selected unit.
      await select(ws, 'unit', UNIT.id);
      await expect(ws.getByTestId('send-to-wall')).toBeVisible();
      await ws.locator('body').press('w');
      await expect.poll(() => sent(ws)).toHaveLength(2);
      expect((await sent(ws))[1]).toEqual(['showOnWall', { kind: 'unit', id: UNIT.id }]);
      await deliver(wall, { kind: 'unit', id: UNIT.id });
      await expect(wall.getByTestId('wall-focus')).toContainText(UNIT.callsign);
      await wall.screenshot({ path: test.info().outputPath('wall-after-send.png') });

      // The settings dialog shows the bridge's displays and assigns through it.
      await ws.getByTestId('settings-open').click();
      await expect(ws.getByTestId('wall-settings')).toHaveAttribute('data-platform', 'electron');
      await expect(ws.getByTestId('wall-layout-7')).toHaveValue('lage');
      await ws.getByTestId('wall-layout-7').selectOption('heatmap');
      await ws.getByTestId('wall-cycle-7').selectOption('120');
      const calls = await ws.evaluate(() => (window as unknown as { __sent: Sent }).__sent.calls);
      expect(calls.filter((c) => c[0] === 'assignWall')).toEqual([
        ['assignWall', 7, 'heatmap', null],
        ['assignWall', 7, 'heatmap', 120],
      ]);
      await ws.getByTestId('wall-settings').scrollIntoViewIfNeeded();
      await ws.screenshot({ path: test.info().outputPath('settings-walls.png') });
    } finally {
      await wallContext.close();
      await wsContext.close();
    }
  });

  test('no wall open: no button, and W does nothing', async ({ page }) => {
    await page.addInitScript(workstationBridge, false);
    await server.open(page);
    await waitForMap(page);
    await select(page, 'incident', INCIDENT.id);
    await expect(page.getByTestId('details-assign')).toBeVisible();
    await expect(page.getByTestId('send-to-wall')).toHaveCount(0);
    await page.locator('body').press('w');
    expect(await sent(page)).toEqual([]);
  });
});
