/**
 * The real Seattle 911 file through the shipped mapping, checked against the CSV read here
 * independently (plain string splitting and the two timestamp forms), not with the importer's code.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv, type ImportSummary } from '../../../tools/import/fixtures.ts';
import { countsPerDay, eventsInRange, openDataset, pictureAt, type Dataset } from './query.ts';
import { SEATTLE_CSV, SEATTLE_MAPPING, tempDir } from '../../../tools/import/fixtures.ts';

interface Call {
  line: number;
  id: string;
  opened: number;
  lat: number;
  lon: number;
  address: string;
}

const HOUR = 3600_000; // the mapping's defaultDurationMinutes: 60
const AMPM: Record<string, number> = { AM: 0, PM: 12 };

/** "11/09/2011 10:04:00 PM +0000" or " 2011-10-24T24:22:00+0000" (hour 24 = 12 noon, see docs/import.md). */
function time(s: string): number {
  const us = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM) \+0000$/.exec(s);
  if (us) {
    const [, mo, d, y, h, mi, se, ap] = us;
    return Date.UTC(+y!, +mo! - 1, +d!, (+h! % 12) + AMPM[ap!]!, +mi!, +se!);
  }
  const iso = /^ (\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\+0000$/.exec(s);
  if (!iso) throw new Error(`unexpected time ${s}`);
  const [, y, mo, d, h, mi, se] = iso;
  return Date.UTC(+y!, +mo! - 1, +d!, h === '24' ? 12 : +h!, +mi!, +se!);
}

/** The incidents the file holds: rows with coordinates, the first row of each incident number. */
function callsFromCsv(): Call[] {
  const lines = fs.readFileSync(SEATTLE_CSV, 'utf8').split('\n');
  const calls: Call[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((text, i) => {
    if (text === '') return;
    // Only "Report Location" is ever quoted: "(47.6, -122.3)".
    const [address, , datetime, lat, lon, , number] = text.replace(/"\([^)]*\)"/, '').split(',');
    if (!lat || !lon || seen.has(number!)) return;
    if (number) seen.add(number);
    const line = i + 2;
    calls.push({
      line,
      id: number || `line-${line}`,
      opened: time(datetime!),
      lat: +lat,
      lon: +lon,
      address: address!,
    });
  });
  return calls;
}

const dayIn = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });

describe('Seattle 911 calls', () => {
  let dataDir: string;
  let summary: ImportSummary;
  let ds: Dataset;
  const calls = callsFromCsv();
  const errors: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    summary = await importCsv({
      dataDir,
      mappingFile: SEATTLE_MAPPING,
      csvFile: SEATTLE_CSV,
      dataset: 'seattle',
      onRowError: (line, message) => errors.push(`line ${line}: ${message}`),
    });
    ds = openDataset(dataDir, 'seattle');
  });
  afterAll(() => ds?.close());

  it('imports every call with a location once and says why the others were skipped', () => {
    expect(summary.rows).toBe(13_771);
    expect(summary.imported).toBe(calls.length);
    expect(summary.incidents).toBe(calls.length);
    expect(summary.skipped).toBe(25);
    expect(summary.duplicates).toBe(13_771 - 25 - calls.length);
    expect(errors).toHaveLength(25);
    expect(errors[0]).toBe('line 4225: Latitude is empty');
    expect(summary.events).toBe(2 * calls.length);
  });

  it('counts the same incidents per day as the CSV', () => {
    const expected = new Map<string, number>();
    for (const c of calls) {
      const day = dayIn.format(c.opened);
      expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    const replay = countsPerDay(ds).filter((d) => d.incidents > 0);
    expect(new Map(replay.map((d) => [d.day, d.incidents]))).toEqual(expected);
    expect(replay.length).toBeGreaterThan(1000);
  });

  it('stores the log in time order', () => {
    const times = ds.db.prepare('SELECT time FROM events ORDER BY seq').pluck().all() as number[];
    expect(times.every((t, i) => i === 0 || times[i - 1]! <= t)).toBe(true);
    expect(ds.db.prepare('SELECT COUNT(*) FROM snapshots').pluck().get()).toBeGreaterThan(10);
  });

  it('shows exactly the incidents open at the time it seeks to', () => {
    const byId = new Map(calls.map((c) => [c.id, c]));
    const sorted = [...calls].sort((a, b) => a.opened - b.opened);
    const times: number[] = [];
    // Edges: the second a call opens, the last millisecond before it closes, the moment it closes.
    for (const c of sorted.filter((_, i) => i % 997 === 0))
      times.push(c.opened, c.opened + HOUR - 1, c.opened + HOUR);
    // The busiest moments: the opening times with the most calls of the past hour still open.
    const busy = sorted.map((c, i) => {
      let k = i;
      while (k > 0 && sorted[k - 1]!.opened > c.opened - HOUR) k--;
      return { t: c.opened, open: i - k + 1 };
    });
    busy.sort((a, b) => b.open - a.open);
    times.push(...busy.slice(0, 5).map((b) => b.t));
    let nonEmpty = 0;
    let largest = 0;
    for (let k = 0; k < 30; k++)
      times.push(sorted[0]!.opened + ((k * 7919) % 1000) * ((ds.info.to - ds.info.from) / 1000));
    for (const t of times) {
      const expected = calls.filter((c) => c.opened <= t && t < c.opened + HOUR).map((c) => c.id);
      if (expected.length) nonEmpty++;
      largest = Math.max(largest, expected.length);
      const picture = pictureAt(ds, t);
      const open = Object.values(picture.incidents).filter((i) => i.state !== 'abgeschlossen');
      expect(open.map((i) => i.id).sort(), new Date(t).toISOString()).toEqual(expected.sort());
      for (const i of open) {
        const c = byId.get(i.id)!;
        expect([i.location.lat, i.location.lon, i.address, i.type, i.times.opened]).toEqual([
          c.lat,
          c.lon,
          c.address || undefined,
          'verkehrsunfall',
          c.opened,
        ]);
      }
    }
    expect(nonEmpty).toBeGreaterThan(30);
    expect(largest).toBeGreaterThanOrEqual(5);
  });

  it('pages through the events of a time range', () => {
    const from = Date.UTC(2012, 4, 1);
    const to = Date.UTC(2012, 6, 1);
    const all = ds.db
      .prepare('SELECT COUNT(*) FROM events WHERE time >= ? AND time < ?')
      .pluck()
      .get(from, to);
    const seen: number[] = [];
    let afterSeq: number | undefined = 0;
    while (afterSeq !== undefined) {
      const page = eventsInRange(ds, from, to, { limit: 100, afterSeq });
      seen.push(...page.events.map((e) => e.seq));
      afterSeq = page.nextAfterSeq;
    }
    expect(seen.length).toBe(all);
    expect(seen.every((s, i) => i === 0 || s === seen[i - 1]! + 1)).toBe(true);
    expect(() => eventsInRange(ds, from, to, { limit: 0 })).toThrow('limit must be');
  });
});
