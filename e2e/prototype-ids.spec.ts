/**
 * Issue 13 in the real dashboard (Chromium): units and incidents whose ids are names of
 * Object.prototype members. On the old code a position for unit "constructor" was accepted, made
 * a unit without id, and every dashboard showed "Keine Einsatzmittel"; an update of incident
 * "constructor" left the picture empty while "Live". Here the board lists every such unit, the
 * dashboard's picture holds them, and a restart of the server (same data dir) brings the same picture back.
 */
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { pagePicture } from './fixtures/dashboard.ts';
import { openDashboard, type Dashboard } from './fixtures/panels.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const IDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'apply', 'length'];
const AT = { lat: 50.9375, lon: 6.9603 };

let lage: LageServer;
let dash: Dashboard | undefined;
test.afterAll(async () => {
  await dash?.close();
  await lage?.stop();
  lage?.removeData();
});

async function feed(server: LageServer): Promise<void> {
  // Before the units exist: refused by name (the old code answered 202 and 503 here).
  const early = await fetch(`${server.url}/api/v1/ingest/incidents`, {
    method: 'POST',
    headers: { authorization: 'Bearer e2e-ingest-token', 'content-type': 'application/json' },
    body: JSON.stringify([{ op: 'update', id: 'constructor', state: 'disponiert' }]),
  });
  expect(early.status).toBe(400);
  await server.ingest(
    'units',
    IDS.map((id, i) => ({
      id,
      callsign: `Proto ${i + 1}`,
      kind: 'funkstreifenwagen',
      district: id,
      status: 2,
    })),
  );
  await server.ingest(
    'positions',
    IDS.map((id, i) => ({ unitId: id, lat: AT.lat + i * 0.0006, lon: AT.lon, heading: 90 })),
  );
  await server.ingest(
    'incidents',
    IDS.map((id) => ({ op: 'open', id, type: 'einbruch', priority: 2, lat: AT.lat, lon: AT.lon + 0.001 })),
  );
  await server.ingest('incidents', [{ op: 'update', id: 'constructor', state: 'disponiert' }]);
  await server.ingest('status', [{ unitId: 'toString', status: 3, incidentId: 'valueOf' }]);
}

async function expectWhole(page: Page): Promise<void> {
  for (const id of IDS)
    await expect(page.locator(`[data-testid="board-unit"][data-unit-id="${id}"]`), id).toBeVisible();
  await expect(page.getByText('Keine Einsatzmittel')).toHaveCount(0);
  const picture = await pagePicture(page);
  expect(Object.keys(picture.units).sort()).toEqual([...IDS].sort());
  expect(Object.keys(picture.incidents).sort()).toEqual([...IDS].sort());
  expect(picture.incidents['constructor']?.state).toBe('disponiert');
  expect(picture.units['toString']).toMatchObject({ id: 'toString', status: 3, incidentId: 'valueOf' });
}

test('prototype names as unit and incident ids show on the board and in the picture, also after a restart', async ({
  browser,
}) => {
  lage = await LageServer.start();
  await feed(lage);
  dash = await openDashboard(browser, lage);
  await expectWhole(dash.page);
  await dash.close();
  dash = undefined;

  // Same port and data dir, as a restarted control-room server would be.
  const { dataDir } = lage;
  const port = Number(new URL(lage.url).port);
  await lage.stop();
  lage = await LageServer.start({ port, dataDir });
  dash = await openDashboard(browser, lage);
  await expectWhole(dash.page);
});
