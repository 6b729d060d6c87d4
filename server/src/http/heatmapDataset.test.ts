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

describe('heatmap windows without an offset (issue 16: the source zone, not Berlin or the server’s)', () => {
  const total = async (query: string) => {
    const res = await authFetch(`${server.url}/api/v1/heatmap?${query}&mode=hex`);
    const body = (await res.json()) as { total: number; error?: string };
    expect(res.status, body.error).toBe(200);
    return body.total;
  };

  // A zone's wall clock to the minute, worked out with Intl, not with the server's code.
  const wallClock = (zone: string, t: number) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .format(t)
      .replace(' ', 'T');

  it('reads a dataset window as the dataset zone’s wall clock (Seattle, winter and summer)', async () => {
    const year = `from=${Date.UTC(2011, 0, 1)}&to=${Date.UTC(2012, 0, 1)}&dataset=seattle`;
    const listed = (await (await authFetch(`${server.url}/api/v1/replay/incidents?${year}`)).json()) as {
      incidents: { opened: number }[];
    };
    const opened = listed.incidents.map((i) => i.opened);
    expect(opened.length).toBeGreaterThan(100);
    // Seattle's offsets are whole hours: its wall-clock minute of an incident is the UTC minute it falls in.
    for (const t of opened.filter((_, k) => k % 20 === 0)) {
      const minute = Math.floor(t / 60_000) * 60_000;
      const expected = opened.filter((o) => o >= minute && o < minute + 60_000).length;
      const q = `from=${wallClock('America/Los_Angeles', minute)}&to=${wallClock('America/Los_Angeles', minute + 60_000)}`;
      expect(await total(`${q}&dataset=seattle`), q).toBe(expected);
    }
    expect(await total(`from=2011-01-01&to=2012-01-01&dataset=seattle`)).toBe(opened.length);
  });

  it('reads a live window as Berlin wall clock', async () => {
    // The live incident was called a second before the server started; read in UTC (this
    // machine's zone) the Berlin minutes around it would lie an hour or two later and hold nothing.
    const berlin = (t: number) => wallClock('Europe/Berlin', t);
    const now = Date.now();
    expect(await total(`from=${berlin(now - 20 * 60_000)}&to=${berlin(now + 5 * 60_000)}`)).toBe(1);
  });

  it('refuses a wall-clock time the zone skipped and a day that does not exist', async () => {
    let res = await authFetch(
      `${server.url}/api/v1/heatmap?from=2011-03-13T02:30&to=2011-03-14&dataset=seattle`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(
      'does not exist in America/Los_Angeles',
    );
    res = await authFetch(`${server.url}/api/v1/heatmap?from=2011-04-31&to=2011-05-02&dataset=seattle`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('"2011-04-31" is not a date-time');
  });
});
