/**
 * Issue 16 in the browser: a US West Coast dataset replays in its own time. 40 calls of the real
 * Seattle 911 file (../shared/data/incidents, March 2011, before and after the change to summer time
 * on 13 March) are imported with the shipped mapping (time.timeZone America/Los_Angeles); the replay
 * of that dataset in the German UI shows its period and playhead in Seattle time, day first, with the
 * zone named, and the switch shows the workstation's zone (Europe/Berlin here, 9 h later). Expected
 * texts come from the CSV's own UTC stamps and the browser-independent Intl of Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { importCsv } from '../tools/import/public.ts';
import { LageServer, REPO } from './fixtures/lageServer.ts';

const CSV = path.resolve(REPO, '..', 'shared', 'data', 'incidents', 'seattle_fire_911_mva_2010-2015.csv');
const MAPPING = path.join(REPO, 'server', 'mappings', 'seattle-fire-911.json');
const LA = 'America/Los_Angeles';

test.use({ timezoneId: 'Europe/Berlin', viewport: { width: 1600, height: 950 } });

let lage: LageServer;
let opened: number[] = [];

/** "03/12/2011 10:04:00 PM +0000" → epoch ms. */
function usTime(s: string): number | undefined {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM) \+0000$/.exec(s);
  if (!m) return undefined;
  const [, mo, d, y, h, mi, se, ap] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, (+h! % 12) + (ap === 'PM' ? 12 : 0), +mi!, +se!);
}

/** "12.03.2011 14:04" in a zone, as the German UI's fields write it. */
function field(ms: number, zone: string): string {
  const p = new Map(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.get('day')}.${p.get('month')}.${p.get('year')} ${p.get('hour')}:${p.get('minute')}`;
}

test.beforeAll(async () => {
  const dataDir = LageServer.tempDataDir();
  const lines = fs.readFileSync(CSV, 'utf8').split('\n');
  const rows = lines
    .slice(1)
    .filter((l) => /,03\/1[0-6]\/2011 .*\+0000,4\d\.\d+,-12\d\.\d+,/.test(l))
    .slice(0, 40);
  opened = rows
    .map((l) => usTime(l.replace(/"\([^)]*\)"/, '').split(',')[2] ?? ''))
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
  const csv = path.join(dataDir, 'seattle-march.csv');
  fs.writeFileSync(csv, [lines[0], ...rows].join('\n'));
  await importCsv({ dataDir, mappingFile: MAPPING, csvFile: csv, dataset: 'seattle' });
  lage = await LageServer.start({ dataDir, simulate: false });
});
test.afterAll(async () => {
  await lage?.stop();
  lage?.removeData();
});

test('a Seattle dataset replays in Seattle time with the zone named; the switch shows Berlin time', async ({
  page,
}, info) => {
  expect(opened.length).toBeGreaterThan(10);
  const from = opened[0]!;
  const to = from + 2 * 3_600_000;
  await page.addInitScript(() => {
    localStorage.setItem('lagebild.settings', JSON.stringify({ language: 'de', theme: 'dark' }));
  });
  await lage.open(page, `/?mode=replay&dataset=seattle&from=${from}&to=${to}`);
  await expect(page.getByTestId('replay-state')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });

  const offset = new Intl.DateTimeFormat('de-DE', { timeZone: LA, timeZoneName: 'short' })
    .formatToParts(from)
    .find((p) => p.type === 'timeZoneName')?.value;
  await expect(page.getByTestId('replay-zone')).toHaveText(`Zeitzone: ${LA} (${offset})`);
  await expect(page.getByTestId('replay-from')).toHaveValue(field(from, LA));
  await expect(page.getByTestId('replay-to')).toHaveValue(field(to, LA));
  // The playhead is Seattle time too ("12.03.2011, 14:04:00").
  const t = Number(await page.getByTestId('replay-time').getAttribute('data-t'));
  await expect(page.getByTestId('replay-time')).toContainText(field(t, LA).replace(' ', ', '));
  await page.screenshot({ path: info.outputPath('replay-seattle-local.png') });

  await page.getByTestId('zone-switch').check();
  await expect(page.getByTestId('replay-zone')).toHaveAttribute('data-zone', 'Europe/Berlin');
  await expect(page.getByTestId('replay-from')).toHaveValue(field(from, 'Europe/Berlin'));
  await expect(page.getByTestId('replay-time')).toContainText(field(t, 'Europe/Berlin').replace(' ', ', '));
  expect(await page.getByTestId('replay-export-csv').getAttribute('href')).toContain(
    'timeZone=Europe%2FBerlin',
  );
  await page.screenshot({ path: info.outputPath('replay-seattle-workstation.png') });

  // Back to the dataset's zone; a US-ordered date is refused with the German pattern.
  await page.getByTestId('zone-switch').uncheck();
  await expect(page.getByTestId('replay-from')).toHaveValue(field(from, LA));
  await page.getByTestId('replay-from').fill('03/12/2011 2:04 PM');
  await expect(page.getByTestId('replay-bad-period')).toHaveText('Datum und Uhrzeit als TT.MM.JJJJ HH:MM');
  await expect(page.getByTestId('replay-load')).toBeDisabled();
});
