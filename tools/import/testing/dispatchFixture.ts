/**
 * A dispatch-per-row CAD export built from the real Seattle 911 calls: several units per incident
 * (engines, ladders, medics, chiefs), each with its own dispatched / on scene / available times,
 * rows shuffled. The expected figures are computed here from the generated values, independently
 * of the importer.
 */
import fs from 'node:fs';
import { LIVERPOOL_CSV, LIVERPOOL_MAPPING, SEATTLE_CSV, SEATTLE_MAPPING, writeFile } from './testSupport.ts';

export interface FixtureDispatch {
  unit: string;
  call: number;
  dispatched: number;
  onScene: number | undefined;
  available: number;
}

export interface FixtureIncident {
  id: string;
  type: string;
  address: string;
  lat: number;
  lon: number;
  dispatches: FixtureDispatch[];
}

export const UNIT_TYPES = {
  Engine: { prefix: 'E', count: 30, kind: 'loeschfahrzeug' },
  Ladder: { prefix: 'L', count: 10, kind: 'drehleiter' },
  Medic: { prefix: 'M', count: 20, kind: 'rettungswagen' },
  'Battalion Chief': { prefix: 'B', count: 5, kind: 'einsatzleitwagen' },
} as const;
type UnitType = keyof typeof UNIT_TYPES;

export const HEADER = [
  'Incident Number',
  'Type',
  'Address',
  'Call Received',
  'Unit',
  'Unit Type',
  'Dispatched',
  'On Scene',
  'Available',
  'Report Location',
];

/** The mapping an analyst writes for this export. */
export const DISPATCH_MAPPING = {
  version: 1,
  rows: 'dispatches',
  time: { column: 'Call Received', formats: ['MM/DD/YYYY hh:mm:ss A Z'], timeZone: 'America/Los_Angeles' },
  location: { point: 'Report Location' },
  incident: {
    id: '{Incident Number}',
    address: '{Address}',
    type: { column: 'Type', map: { 'Motor Vehicle*': 'verkehrsunfall' }, default: 'sonstiges' },
  },
  unit: {
    id: '{Unit}',
    kind: {
      column: 'Unit Type',
      map: Object.fromEntries(Object.entries(UNIT_TYPES).map(([name, t]) => [name, t.kind])),
    },
    dispatched: 'Dispatched',
    onScene: 'On Scene',
    available: 'Available',
  },
};

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "11/09/2011 10:04:00 PM +0000" → ms, and back. */
export function parseUs(s: string): number | undefined {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d) (AM|PM) \+0000$/.exec(s);
  if (!m) return undefined;
  const [, mo, d, y, h, mi, se, ap] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, (+h! % 12) + (ap === 'PM' ? 12 : 0), +mi!, +se!);
}
export function formatUs(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return (
    `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ` +
    `${p(h % 12 === 0 ? 12 : h % 12)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'} +0000`
  );
}

/** The first `count` Seattle calls with a number, a US-format time and coordinates, in time order. */
export function seattleCalls(count: number) {
  const calls: { id: string; type: string; address: string; time: number; lat: number; lon: number }[] = [];
  const seen = new Set<string>();
  for (const text of fs.readFileSync(SEATTLE_CSV, 'utf8').split('\n').slice(1)) {
    // Only "Report Location" is ever quoted: "(47.6, -122.3)".
    const [address, type, datetime, lat, lon, , id] = text.replace(/"\([^)]*\)"/, '').split(',');
    const time = parseUs(datetime ?? '');
    if (!id || !lat || !lon || time === undefined || seen.has(id)) continue;
    seen.add(id);
    calls.push({ id, type: type!, address: address!, time, lat: +lat, lon: +lon });
    if (calls.length === count) break;
  }
  return calls.sort((a, b) => a.time - b.time);
}

/**
 * Sends 1-4 free units to each call. A unit is busy until 1 minute after it is available, so no unit
 * is ever sent on before it is free (the expected figures stay simple sums and minima).
 */
export function buildIncidents(count: number, seed = 16): FixtureIncident[] {
  const rnd = random(seed);
  const busy = new Map<string, number>();
  const types = Object.keys(UNIT_TYPES) as UnitType[];
  return seattleCalls(count).map((c) => {
    const dispatches: FixtureDispatch[] = [];
    const n = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < n; k++) {
      const type = k === 0 ? (rnd() < 0.5 ? 'Engine' : 'Medic') : types[Math.floor(rnd() * types.length)]!;
      const { prefix, count: size } = UNIT_TYPES[type];
      // A later row may carry a later call time (the call was updated): the earliest one counts.
      const call = c.time + (k === 0 ? 0 : Math.floor(rnd() * 4) * 30_000);
      const dispatched = call + (30 + Math.floor(rnd() * 240)) * 1000;
      const start = Math.floor(rnd() * size);
      let unit: string | undefined;
      for (let i = 0; i < size && !unit; i++) {
        const u = `${prefix}${((start + i) % size) + 1}`;
        if ((busy.get(u) ?? 0) <= dispatched && !dispatches.some((d) => d.unit === u)) unit = u;
      }
      if (!unit) continue;
      const onScene = rnd() < 0.1 ? undefined : dispatched + (60 + Math.floor(rnd() * 900)) * 1000;
      const available = (onScene ?? dispatched) + (300 + Math.floor(rnd() * 3300)) * 1000;
      busy.set(unit, available + 60_000);
      dispatches.push({ unit, call, dispatched, onScene, available });
    }
    return { id: c.id, type: c.type, address: c.address, lat: c.lat, lon: c.lon, dispatches };
  });
}

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The shuffled CSV; every 10th incident has its location on one of its rows only. */
export function dispatchCsv(incidents: readonly FixtureIncident[], seed = 17): string {
  const rnd = random(seed);
  const rows: string[][] = [];
  incidents.forEach((inc, i) => {
    inc.dispatches.forEach((d, k) => {
      const located = i % 10 !== 0 || k === inc.dispatches.length - 1;
      const unitType = (Object.keys(UNIT_TYPES) as UnitType[]).find((t) =>
        d.unit.startsWith(UNIT_TYPES[t].prefix),
      )!;
      rows.push([
        inc.id,
        inc.type,
        inc.address,
        formatUs(d.call),
        d.unit,
        unitType,
        formatUs(d.dispatched),
        d.onScene === undefined ? '' : formatUs(d.onScene),
        formatUs(d.available),
        located ? `(${inc.lat}, ${inc.lon})` : '',
      ]);
    });
  });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return [HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

/**
 * The three shapes of import the importer's own tests run side by side: the Seattle calls (one row
 * per incident), a dispatch export written into `dir` from 1,500 Seattle incidents with units, and
 * the Liverpool bus trace (positions). Returns the dispatch incidents too, for files derived from them.
 */
export function threeImports(dir: string) {
  const dispatchIncidents = buildIncidents(1_500).filter((i) => i.dispatches.length > 0);
  const sources = {
    seattle: { csvFile: SEATTLE_CSV, mappingFile: SEATTLE_MAPPING },
    dispatches: {
      csvFile: writeFile(dir, 'dispatch.csv', dispatchCsv(dispatchIncidents)),
      mappingFile: writeFile(dir, 'dispatch.json', DISPATCH_MAPPING),
    },
    liverpool: { csvFile: LIVERPOOL_CSV, mappingFile: LIVERPOOL_MAPPING },
  };
  return { dispatchIncidents, sources };
}
