/**
 * Issue 16: a US West Coast dataset keeps its zone. 50 calls of the real Seattle 911 file, imported
 * with the shipped mapping (`time.timeZone: America/Los_Angeles`): the catalogue names the zone, and
 * the export writes each event's local time with its offset in that zone — or in the zone the
 * dashboard asks for (its workstation switch). The expected local times are read from the CSV's
 * own UTC stamps ("11/09/2011 10:04:00 PM +0000") and the platform's Intl, not the exporter's code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { SEATTLE_CSV, SEATTLE_MAPPING, tempDir } from '../../../tools/import/fixtures.ts';
import { authFetch, startTestServer } from '../testing/harness.ts';

let server: LageServer;
let opened: number[] = [];

/** "11/09/2011 10:04:00 PM +0000" → epoch ms (the file's US form; rows in the other form are left out). */
function usTime(s: string): number | undefined {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM) \+0000$/.exec(s);
  if (!m) return undefined;
  const [, mo, d, y, h, mi, se, ap] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, (+h! % 12) + (ap === 'PM' ? 12 : 0), +mi!, +se!);
}

/** Local ISO time with offset in a zone, from Intl's "sv-SE" form and its "longOffset" name. */
function local(ms: number, zone: string): string {
  const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'medium' });
  const off = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  return `${wall.format(ms).replace(' ', 'T')}${off === 'GMT' ? '+00:00' : off?.slice(3)}`;
}

beforeAll(async () => {
  const dataDir = tempDir();
  const lines = fs.readFileSync(SEATTLE_CSV, 'utf8').split('\n');
  // 50 calls of March 2011 with coordinates (US time form): summer time began on 13 March, so both
  // Pacific offsets occur, and the month fits one export (at most 31 days).
  const rows = lines
    .slice(1)
    .filter((l) => /,03\/\d\d\/2011 .*\+0000,4\d\.\d+,-12\d\.\d+,/.test(l))
    .filter((_, i) => i % 4 === 0)
    .slice(0, 50);
  opened = rows
    .map((l) => usTime(l.replace(/"\([^)]*\)"/, '').split(',')[2] ?? ''))
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  const csv = path.join(dataDir, 'seattle-50.csv');
  fs.writeFileSync(csv, [lines[0], ...rows].join('\n'));
  await importCsv({ dataDir, mappingFile: SEATTLE_MAPPING, csvFile: csv, dataset: 'seattle' });
  server = await startTestServer({}, dataDir);
});
afterAll(() => server.close());

const csvRows = async (q: string) => {
  const res = await authFetch(`${server.url}/api/v1/replay/export?format=csv&dataset=seattle&${q}`);
  expect(res.status).toBe(200);
  const [header, ...rows] = (await res.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const cols = header!.split(',');
  return rows.map((r) => {
    const cells = r.split(',');
    return {
      type: cells[cols.indexOf('type')],
      local: cells[cols.indexOf('local_time')],
      zone: cells[cols.indexOf('time_zone')],
    };
  });
};

describe('a Seattle dataset in its own time zone', () => {
  it('has 50 calls on both sides of the change to summer time, and the catalogue names the zone', async () => {
    expect(opened).toHaveLength(50);
    // 13 March 2011, 02:00 PST = 10:00 UTC.
    const change = Date.UTC(2011, 2, 13, 10);
    expect(opened.some((t) => t < change) && opened.some((t) => t >= change)).toBe(true);
    const cat = (await (await authFetch(`${server.url}/api/v1/replay/datasets`)).json()) as {
      datasets: { name: string; timeZone?: string }[];
    };
    expect(cat.datasets.find((d) => d.name === 'seattle')?.timeZone).toBe('America/Los_Angeles');
  });

  it('exports every call with its Seattle local time (PST and PDT), named', async () => {
    const from = opened[0]!;
    const to = opened.at(-1)! + 1;
    const rows = (await csvRows(`from=${from}&to=${to}`)).filter((r) => r.type === 'incident.opened');
    expect(rows.map((r) => r.local)).toEqual(opened.map((t) => local(t, 'America/Los_Angeles')));
    expect(new Set(rows.map((r) => r.zone))).toEqual(new Set(['America/Los_Angeles']));
    // Both offsets occur: winter -08:00 and summer -07:00.
    expect(rows.some((r) => r.local?.endsWith('-08:00'))).toBe(true);
    expect(rows.some((r) => r.local?.endsWith('-07:00'))).toBe(true);
  });

  it("switches to the zone the dashboard asks for (the workstation's), and refuses an unknown zone", async () => {
    const from = opened[0]!;
    const to = opened.at(-1)! + 1;
    const rows = (await csvRows(`from=${from}&to=${to}&timeZone=Europe/Berlin`)).filter(
      (r) => r.type === 'incident.opened',
    );
    expect(rows.map((r) => r.local)).toEqual(opened.map((t) => local(t, 'Europe/Berlin')));
    const bad = await authFetch(
      `${server.url}/api/v1/replay/export?format=csv&dataset=seattle&from=${from}&to=${to}&timeZone=Mars/Olympus`,
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      'timeZone: unknown time zone "Mars/Olympus" (use an IANA name such as Europe/Berlin or UTC)',
    );
  });
});

describe('times without an offset are the wall clock of the zone shown, on every route', () => {
  /** "2011-03-02T14:05:00" in the zone: what a user types or a link carries, no offset. */
  const wall = (ms: number, zone: string) => local(ms, zone).slice(0, 19);
  const get = async <T>(route: string) => {
    const res = await authFetch(`${server.url}/api/v1${route}`);
    const body = (await res.json()) as T;
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };
  const SEATTLE = 'America/Los_Angeles';

  it('replay picture, events and incidents read them in the dataset zone (not the server process zone)', async () => {
    const t0 = opened[10]!;
    const from = wall(t0 - 1000, SEATTLE);
    const to = wall(t0 + 1000, SEATTLE);
    const picture = await get<{ t: number }>(`/replay/picture?dataset=seattle&t=${wall(t0, SEATTLE)}`);
    expect(picture.t).toBe(t0);
    const events = await get<{ events: { type: string; time: number }[] }>(
      `/replay/events?dataset=seattle&from=${from}&to=${to}`,
    );
    expect(events.events.filter((e) => e.type === 'incident.opened').map((e) => e.time)).toEqual([t0]);
    const markers = await get<{ from: number; incidents: { at: number }[] }>(
      `/replay/incidents?dataset=seattle&from=${from}&to=${to}`,
    );
    expect(markers.from).toBe(t0 - 1000);
    expect(markers.incidents.map((m) => m.at)).toEqual([t0]);
    const stats = await get<{ from: number; total: number }>(
      `/stats/incidents?dataset=seattle&from=${from}&to=${to}`,
    );
    expect(stats).toMatchObject({ from: t0 - 1000, total: 1 });
  });

  it('the export reads its period in the zone it writes: the dataset one, or the one asked for', async () => {
    const t0 = opened[20]!;
    const inSeattle = await csvRows(`from=${wall(t0 - 1000, SEATTLE)}&to=${wall(t0 + 1000, SEATTLE)}`);
    expect(inSeattle.filter((r) => r.type === 'incident.opened').map((r) => r.local)).toEqual([
      local(t0, SEATTLE),
    ]);
    const berlin = 'Europe/Berlin';
    const inBerlin = await csvRows(
      `from=${wall(t0 - 1000, berlin)}&to=${wall(t0 + 1000, berlin)}&timeZone=${berlin}`,
    );
    expect(inBerlin.filter((r) => r.type === 'incident.opened').map((r) => r.local)).toEqual([
      local(t0, berlin),
    ]);
  });
});
