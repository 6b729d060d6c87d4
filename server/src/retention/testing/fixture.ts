/**
 * A data dir for the retention tests, written through the server's own Lage (log, reducer,
 * snapshots): 40 days ago two units drive for 30 minutes, one incident with a caller, a description,
 * an edited description and a note is dispatched and closed, another stays open; a day ago the
 * recent picture is built the same way. Snapshots are taken at chosen times, old and recent.
 */
import type { NewEvent } from '#shared/schemas';
import { Lage } from '../../lage.ts';
import { openDb, type Db } from '../../store/db.ts';

export const DAY = 86_400_000;
const MIN = 60_000;

/** Strings that must not survive retention anywhere once older than the limit. */
export const OLD_PERSONAL = [
  'Erika Mustermann',
  '0211 555 0101',
  'Nachbarin Frau Kowalski',
  'Zeuge Peter Zwegat',
  'Sohn von Herrn Schulz',
];
/** Personal data of the incident opened long ago that is still open (in use: kept in the picture). */
export const OPEN_OLD_PERSONAL = ['Otto Offen', '0221 999 0202', 'Notiz zu E2 von damals'];
/** Recent personal data: must be exactly as it was. */
export const RECENT_PERSONAL = ['Renate Recent', '0211 777 0303', 'Neue Notiz zu E3'];

export interface Fixture {
  dir: string;
  now: number;
  /** When the old period starts (40 days before now). */
  t0: number;
  /** When the recent period starts (a day before now). */
  t1: number;
  oldPositionSeqs: number[];
}

const reg = (id: string, kind: string, time: number): NewEvent =>
  ({
    type: 'unit.registered',
    time,
    unit: { id, callsign: `Kö ${id}`, kind, district: 'PP Köln' },
  }) as NewEvent;

function drive(unitId: string, from: number, minutes: number, offsetMs: number): NewEvent[] {
  return Array.from({ length: minutes * 6 }, (_, k) => ({
    type: 'unit.position' as const,
    unitId,
    time: from + k * 10_000 + offsetMs,
    lat: 50.93 + k * 1e-4,
    lon: 6.95 + (offsetMs ? k * 1e-4 : 0),
    speed: 10,
  }));
}

type Step = NewEvent | { snapshot: number };
const at = (s: Step) => ('snapshot' in s ? s.snapshot : s.time);

export function buildFixture(dir: string, now = Date.now()): Fixture {
  const t0 = now - 40 * DAY;
  const t1 = now - DAY;
  const timeline: Step[] = [
    reg('u1', 'funkstreifenwagen', t0),
    reg('h1', 'handfunkgeraet', t0),
    ...drive('u1', t0 + 1_000, 30, 0),
    ...drive('h1', t0 + 1_000, 30, 5_000),
    {
      type: 'incident.opened',
      time: t0 + 2 * MIN + 500,
      by: 'cad',
      incident: {
        id: 'E1',
        number: '2026-000001',
        type: 'ruhestoerung',
        priority: 3,
        location: { lat: 50.94, lon: 6.96 },
        address: 'Domkloster 4',
        district: 'PP Köln',
        description: 'Hund bellt seit Stunden, Nachbarin Frau Kowalski',
        caller: { name: 'Erika Mustermann', phone: '0211 555 0101' },
      },
    },
    {
      type: 'incident.note',
      time: t0 + 3 * MIN + 500,
      by: 'anna',
      incidentId: 'E1',
      text: 'Anrufer ist der Sohn von Herrn Schulz',
    },
    {
      type: 'incident.updated',
      time: t0 + 4 * MIN + 500,
      by: 'anna',
      incidentId: 'E1',
      patch: { description: 'Beschreibung geändert, Zeuge Peter Zwegat', priority: 2 },
    },
    { type: 'incident.assigned', time: t0 + 5 * MIN + 500, by: 'anna', incidentId: 'E1', unitId: 'u1' },
    {
      type: 'incident.opened',
      time: t0 + 6 * MIN + 500,
      incident: {
        id: 'E2',
        number: '2026-000002',
        type: 'diebstahl',
        priority: 2,
        location: { lat: 50.95, lon: 6.97 },
        description: 'Fahrrad weg, Otto Offen wartet',
        caller: { name: 'Otto Offen', phone: '0221 999 0202' },
      },
    },
    {
      type: 'incident.note',
      time: t0 + 7 * MIN + 500,
      by: 'anna',
      incidentId: 'E2',
      text: 'Notiz zu E2 von damals',
    },
    { snapshot: t0 + 15 * MIN + 500 },
    { type: 'incident.closed', time: t0 + 25 * MIN + 500, incidentId: 'E1' },
    { snapshot: t0 + 31 * MIN },
    // Just after the limit: a snapshot that still holds E1 (closed, not pruned: no incident opened since).
    ...drive('u1', now - 30 * DAY + 30 * MIN, 5, 0),
    { snapshot: now - 30 * DAY + 40 * MIN },
    ...drive('u1', now - 20 * DAY, 5, 0),
    { snapshot: now - 20 * DAY + 10 * MIN },
    ...drive('u1', t1, 20, 0),
    ...drive('h1', t1, 20, 5_000),
    {
      type: 'incident.opened',
      time: t1 + 21 * MIN + 500,
      incident: {
        id: 'E3',
        number: '2026-000003',
        type: 'einbruch',
        priority: 1,
        location: { lat: 50.93, lon: 6.94 },
        description: 'Einbruch, Renate Recent im Haus',
        caller: { name: 'Renate Recent', phone: '0211 777 0303' },
      },
    },
    {
      type: 'incident.note',
      time: t1 + 22 * MIN + 500,
      by: 'bert',
      incidentId: 'E3',
      text: 'Neue Notiz zu E3',
    },
    { type: 'incident.assigned', time: t1 + 23 * MIN + 500, by: 'bert', incidentId: 'E3', unitId: 'h1' },
    { snapshot: t1 + 25 * MIN + 500 },
    ...drive('u1', t1 + 30 * MIN, 5, 0),
  ];
  timeline.sort((a, b) => at(a) - at(b));

  const db = openDb(dir, 'normal');
  const lage = new Lage(db, { snapshotEvery: 10_000_000, snapshotIntervalMs: 10 * 365 * DAY });
  const oldPositionSeqs: number[] = [];
  // As a live server writes it: received = the commit time, in order; each event its own commit.
  for (const step of timeline) {
    if ('snapshot' in step) {
      lage.snapshotNow(step.snapshot);
      continue;
    }
    const [e] = lage.commit([step], step.time);
    if (e?.type === 'unit.position' && e.time < t0 + DAY) oldPositionSeqs.push(e.seq);
  }
  db.close();
  return { dir, now, t0, t1, oldPositionSeqs };
}

export function openFixtureDb(dir: string): Db {
  return openDb(dir, 'normal');
}
