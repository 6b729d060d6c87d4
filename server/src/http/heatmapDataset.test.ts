/**
 * The heatmap of an imported dataset (for the replay view of that dataset): its own incidents, never
 * the live log's; reading it needs replay.read. Real server, real SQLite, real Seattle rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { SEATTLE_CSV, SEATTLE_MAPPING, tempDir } from '../../../tools/import/fixtures.ts';
import { authFetch, post, sessionFor, startTestServer } from '../testing/harness.ts';

let server: LageServer;
let rows: string[];

beforeAll(async () => {
  const dataDir = tempDir();
  const lines = fs.readFileSync(SEATTLE_CSV, 'utf8').split('\n');
  // 200 calls of 2011 (US dates, `MM/DD/2011 …` or ISO `2011-…`): one heatmap window (≤ 400 days) holds them.
  rows = lines.filter((l) => /,(\d\d\/\d\d\/2011 | 2011-)/.test(l)).slice(0, 200);
  const csv = path.join(dataDir, 'seattle-200.csv');
  fs.writeFileSync(csv, [lines[0], ...rows].join('\n'));
  await importCsv({ dataDir, mappingFile: SEATTLE_MAPPING, csvFile: csv, dataset: 'seattle' });
  server = await startTestServer({}, dataDir);
  // One live incident, which must not show up in the dataset's heatmap.
  const r = await post(server.url, 'incidents', [
    { id: 'L1', number: 'L-1', type: 'einbruch', priority: 2, lat: 51.2, lon: 6.7, time: Date.now() - 1000 },
  ]);
  expect(r.status).toBe(202);
});
afterAll(() => server.close());

describe('heatmap of an imported dataset', () => {
  it('counts exactly the dataset incidents, and the live heatmap only the live ones', async () => {
    const days = (await (await authFetch(`${server.url}/api/v1/replay/counts?dataset=seattle`)).json()) as {
      days: { incidents: number }[];
    };
    const imported = days.days.reduce((n, d) => n + d.incidents, 0);
    expect(imported).toBeGreaterThan(100);
    const window = `from=${Date.UTC(2010, 11, 25)}&to=${Date.UTC(2012, 0, 8)}`;
    const ds = (await (
      await authFetch(`${server.url}/api/v1/heatmap?${window}&mode=hex&dataset=seattle`)
    ).json()) as { total: number; cells: { count: number }[] };
    expect(ds, JSON.stringify(ds).slice(0, 300)).toHaveProperty('total');
    expect(ds.total).toBe(imported);
    expect(ds.cells.reduce((n, c) => n + c.count, 0)).toBe(imported);
    const now = `from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}`;
    const live = (await (await authFetch(`${server.url}/api/v1/heatmap?${now}&mode=hex`)).json()) as {
      total: number;
    };
    expect(live.total).toBe(1);
  });

  it('refuses an unknown or malformed dataset and a role without replay.read', async () => {
    const window = `from=${Date.now() - 3_600_000}&to=${Date.now()}`;
    let res = await authFetch(`${server.url}/api/v1/heatmap?${window}&dataset=nope`);
    expect(res.status).toBe(404);
    res = await authFetch(`${server.url}/api/v1/heatmap?${window}&dataset=..%2Fx`);
    expect(res.status).toBe(400);
    const wall = sessionFor(server, { name: 'wand-1', roles: ['wall'], kind: 'user' });
    res = await authFetch(`${server.url}/api/v1/heatmap?${window}&dataset=seattle`, {}, wall);
    expect(res.status).toBe(403);
    res = await authFetch(`${server.url}/api/v1/heatmap?${window}`, {}, wall);
    expect(res.status).toBe(200);
  });
});
