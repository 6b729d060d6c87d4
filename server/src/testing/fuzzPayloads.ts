/**
 * Seeded malformed ingest payloads for the fuzz test (issue 13): every one must be refused whole.
 * Each is a valid item with one defect that its kind's schema or the picture refuses (a missing
 * field, a value of the wrong type or range, an unknown key, an unknown unit or incident, a time
 * in the future), or a body that is no array of objects. Every prototype name appears as an id and
 * as a key. The same seed gives the same payloads, so a failure can be replayed.
 */
import type { IngestKind } from '#shared/schemas';
import { PROTOTYPE_IDS, PROTOTYPE_NAMES, PROTOTYPE_NON_IDS } from './prototypeNames.ts';

export interface FuzzPayload {
  kind: IngestKind;
  /** What the defect is, for the failure message. */
  what: string;
  /** The body: a value (sent as JSON or over the socket), or raw text for HTTP only. */
  body: unknown;
  raw?: string;
}

type Item = Record<string, unknown>;

/** Valid items against a picture that holds unit `known` and no incidents. */
function baseItem(kind: IngestKind, known: string): Item {
  switch (kind) {
    case 'units':
      return { id: 'fz1', callsign: 'Fz 1', kind: 'funkstreifenwagen', district: 'PP Köln' };
    case 'positions':
      return { unitId: known, lat: 51.2, lon: 6.9, heading: 90 };
    case 'status':
      return { unitId: known, status: 5 };
    case 'incidents':
      return { op: 'open', id: 'FZ1', type: 'einbruch', priority: 2, lat: 51.2, lon: 6.9 };
  }
}

const NOT_STRING = [null, true, 42, 0, [], {}, ['x'], { a: 1 }];
const BAD_ID = [
  ...NOT_STRING,
  '',
  ' x',
  'a b',
  'ü',
  '../x',
  "' OR 1=1",
  'x'.repeat(65),
  ...PROTOTYPE_NON_IDS,
];
const NOT_NUMBER = [null, true, '51', '', [], {}, [1], 'NaN'];
const FUTURE = () => Date.now() + 86_400_000;

/** Values each field refuses, per kind (an unknown unit or incident is refused by the picture). */
function badValues(kind: IngestKind): Record<string, readonly unknown[]> {
  const unknownRef = [...BAD_ID, 'ghost', ...PROTOTYPE_IDS];
  const lat = [...NOT_NUMBER, 90.0001, -91, 1e300];
  const lon = [...NOT_NUMBER, 180.5, -181];
  const time = [FUTURE(), 'yesterday', -1, 1.5, '2026-13-45T99:99Z', 946684799999, null, {}];
  switch (kind) {
    case 'units':
      return {
        id: BAD_ID,
        callsign: [...NOT_STRING, '', '-x', 'x'.repeat(40), '<script>'],
        kind: [...NOT_STRING, 'panzer', ...PROTOTYPE_NAMES],
        district: [...NOT_STRING, '', '   ', 'x'.repeat(65)],
        status: [...NOT_NUMBER, 10, -1, 3.5],
        time,
      };
    case 'positions':
      return {
        unitId: unknownRef,
        lat,
        lon,
        heading: [...NOT_NUMBER, -1, 361],
        speed: [...NOT_NUMBER, -1, 151],
        accuracy: [...NOT_NUMBER, -1, 100_001],
        time,
      };
    case 'status':
      return {
        unitId: unknownRef,
        status: [...NOT_NUMBER, 10, -1, 3.5, ...PROTOTYPE_NAMES],
        incidentId: unknownRef,
        time,
      };
    case 'incidents':
      return {
        id: BAD_ID,
        type: [...NOT_STRING, 'mord', ...PROTOTYPE_NAMES],
        priority: [...NOT_NUMBER, 0, 4, 1.5],
        lat,
        lon,
        op: [...NOT_STRING, 'delete', ...PROTOTYPE_NAMES],
        district: [...NOT_STRING, '', 'x'.repeat(65)],
        time,
      };
  }
}

/** Required fields: dropping one makes the item invalid ("op" may be left out: open). */
const REQUIRED: Record<IngestKind, readonly string[]> = {
  units: ['id', 'callsign', 'kind', 'district'],
  positions: ['unitId', 'lat', 'lon'],
  status: ['unitId', 'status'],
  incidents: ['id', 'type', 'priority', 'lat', 'lon'],
};

/** Items that refer to an incident: with a prototype name as id, an incident that does not exist. */
const REF_OPS = (id: string, unitId: string): Item[] => [
  { op: 'update', id, state: 'disponiert' },
  { op: 'update', id, priority: 1 },
  { op: 'assign', id, unitId },
  { op: 'close', id },
];

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: readonly IngestKind[] = ['units', 'positions', 'status', 'incidents'];

/** An object with `key` as an own property, `__proto__` included (JSON.parse makes it own). */
function withKey(item: Item, key: string, value: unknown): Item {
  return JSON.parse(
    JSON.stringify(item).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)},`),
  ) as Item;
}

/** Every prototype name as an id (or reference) and as a key, for every kind. */
export function prototypePayloads(known: string): FuzzPayload[] {
  const out: FuzzPayload[] = [];
  for (const n of PROTOTYPE_NAMES) {
    for (const kind of KINDS) {
      const base = baseItem(kind, known);
      out.push({ kind, what: `unknown key ${n}`, body: [withKey(base, n, { polluted: true })] });
    }
    const id = PROTOTYPE_IDS.includes(n);
    out.push({
      kind: 'positions',
      what: `unit ${n}`,
      body: [{ ...baseItem('positions', known), unitId: n }],
    });
    out.push({ kind: 'status', what: `unit ${n}`, body: [{ unitId: n, status: 3 }] });
    out.push({ kind: 'status', what: `incident ${n}`, body: [{ unitId: known, status: 3, incidentId: n }] });
    for (const item of REF_OPS(n, known))
      out.push({ kind: 'incidents', what: `${String(item['op'])} ${n}`, body: [item] });
    out.push({
      kind: 'incidents',
      what: `assign unit ${n}`,
      body: [{ op: 'assign', id: 'FZ404', unitId: n }],
    });
    if (!id) {
      out.push({ kind: 'units', what: `unit id ${n}`, body: [{ ...baseItem('units', known), id: n }] });
      out.push({
        kind: 'incidents',
        what: `incident id ${n}`,
        body: [{ ...baseItem('incidents', known), id: n }],
      });
    }
  }
  return out;
}

/** `count` random malformed payloads; `http` adds raw-text defects (broken JSON, deep nesting). */
export function randomPayloads(seed: number, count: number, known: string, http: boolean): FuzzPayload[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: FuzzPayload[] = [];
  while (out.length < count) {
    const kind = pick(KINDS);
    const base = baseItem(kind, known);
    const bad = badValues(kind);
    const roll = r();
    let item: Item;
    let what: string;
    if (roll < 0.45) {
      const field = pick(Object.keys(bad));
      const value = pick(bad[field]!);
      item = { ...base, [field]: value };
      what = `${field}=${JSON.stringify(value)?.slice(0, 40)}`;
    } else if (roll < 0.6) {
      const field = pick(REQUIRED[kind]);
      const { [field]: _dropped, ...rest } = base;
      item = rest;
      what = `without ${field}`;
    } else if (roll < 0.75) {
      // A key the item has already would only be overwritten (JSON keeps the last): none of those.
      const key = pick(
        [...PROTOTYPE_NAMES, 'admin', 'seq', 'type', 'by', 'received'].filter((k) => !Object.hasOwn(base, k)),
      );
      item = withKey(base, key, pick([1, 'x', { admin: true }, null]));
      what = `unknown key ${key}`;
    } else if (roll < 0.82 && kind === 'incidents') {
      item = pick(REF_OPS(pick([...PROTOTYPE_IDS, 'ghost']), known));
      what = `${String(item['op'])} of an unknown incident`;
    } else if (roll < 0.9) {
      // All or nothing: good items around one bad one store nothing.
      const field = pick(Object.keys(bad));
      const good = kind === 'units' ? PROTOTYPE_IDS.map((id) => ({ ...base, id })) : [base];
      const defect = { ...base, [field]: pick(bad[field]!) };
      out.push({ kind, what: `good items and one with a bad ${field}`, body: [...good, defect] });
      continue;
    } else {
      const body = pick<unknown>([
        base,
        'x',
        42,
        null,
        true,
        { items: [base] },
        [null],
        [1],
        ['x'],
        [[base]],
        [base, null],
      ]);
      out.push({ kind, what: `body ${JSON.stringify(body).slice(0, 40)}`, body });
      continue;
    }
    if (http && r() < 0.1) {
      const text = JSON.stringify([item]);
      const cut = 1 + Math.floor(r() * (text.length - 2));
      const raw = r() < 0.5 ? text.slice(0, cut) : `${'['.repeat(200 + Math.floor(r() * 5000))}`;
      out.push({ kind, what: `broken JSON (${raw.length} chars)`, body: undefined, raw });
      continue;
    }
    out.push({ kind, what, body: [item] });
  }
  return out;
}
