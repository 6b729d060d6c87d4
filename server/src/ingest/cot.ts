/**
 * Cursor on Target (CoT 2.0 XML, as ATAK, WinTAK and iTAK send it): position reports of friendly
 * atoms (`a-f-…`) in, the picture out. In: `point` lat/lon/ce, `track` course/speed (m/s), the
 * event's `time` as the fix time, `contact` callsign; an event already past its `stale` is dropped.
 * Which unit a TAK uid is: the `cot.uid` table of the settings file (reread when it changes).
 * Out: units as friendly ground (`a-f-G-U-C`) with callsign and FMS status in the remarks, `stale`
 * when Lagebild counts the unit as stale; incidents as spot markers with type and priority.
 */
import path from 'node:path';
import { z } from 'zod';
import { FMS_INFO, type Incident, type Unit } from '#shared/domain';
import { ID_PATTERN } from '#shared/schemas';
import { child, escapeXml, parseXml, XmlError } from './cotXml.ts';
import { SettingsSection } from './settingsSection.ts';

/** A position report for a uid (not yet mapped to a unit). */
export interface CotFix {
  uid: string;
  type: string;
  callsign?: string;
  lat: number;
  lon: number;
  heading?: number;
  speed?: number;
  accuracy?: number;
  time: number;
}

export type CotDecoded =
  | { ok: true; fix: CotFix }
  /** Well-formed but not a position report we take (a chat, a ping, a marker, a stale event). */
  | { ok: true; ignored: string; type: string }
  | { ok: false; error: string };

/** CoT's "unknown" for ce/le/hae. */
const UNKNOWN = 9_999_999;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function decodeCot(xml: string, now: number): CotDecoded {
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { ok: false, error: e.message };
    throw e;
  }
  if (root.name !== 'event')
    return { ok: false, error: `the root element is <${root.name.slice(0, 40)}>, not <event>` };
  const a = root.attrs;
  const uid = a['uid'];
  const type = a['type'];
  if (!uid || uid.length > 200)
    return { ok: false, error: 'event: uid is missing or longer than 200 characters' };
  if (!type || !/^[a-zA-Z](-[\w.]+){0,15}$/.test(type))
    return {
      ok: false,
      error: `event ${uid.slice(0, 60)}: type "${(type ?? '').slice(0, 40)}" is not a CoT type`,
    };
  const time = cotTime(a['time']);
  const stale = cotTime(a['stale']);
  if (time === undefined)
    return {
      ok: false,
      error: `event ${uid.slice(0, 60)}: time "${(a['time'] ?? '').slice(0, 40)}" is not a CoT time`,
    };
  if (stale === undefined)
    return {
      ok: false,
      error: `event ${uid.slice(0, 60)}: stale "${(a['stale'] ?? '').slice(0, 40)}" is not a CoT time`,
    };
  if (!type.startsWith('a-f-'))
    return { ok: true, type, ignored: `type ${type} is not a friendly position report` };
  if (stale < now)
    return { ok: true, type, ignored: `event ${uid} was stale on arrival (stale ${a['stale']})` };
  const point = child(root, 'point');
  if (!point) return { ok: false, error: `event ${uid.slice(0, 60)}: no <point>` };
  const lat = num(point.attrs['lat']);
  const lon = num(point.attrs['lon']);
  if (lat === undefined || lat < -90 || lat > 90 || lon === undefined || lon < -180 || lon > 180)
    return { ok: false, error: `event ${uid.slice(0, 60)}: point lat/lon must be numbers within ±90/±180` };
  const ce = num(point.attrs['ce']);
  if (lat === 0 && lon === 0 && (ce === undefined || ce >= UNKNOWN))
    return { ok: true, type, ignored: `event ${uid} has no fix (0,0)` };
  const detail = child(root, 'detail');
  const track = detail && child(detail, 'track');
  const contact = detail && child(detail, 'contact');
  const course = num(track?.attrs['course']);
  const speed = num(track?.attrs['speed']);
  const callsign = contact?.attrs['callsign'];
  return {
    ok: true,
    fix: {
      uid,
      type,
      ...(callsign ? { callsign } : {}),
      lat,
      lon,
      ...(course !== undefined && course >= 0 && course <= 360 ? { heading: course % 360 } : {}),
      ...(speed !== undefined && speed >= 0 ? { speed } : {}),
      ...(ce !== undefined && ce > 0 && ce < UNKNOWN ? { accuracy: ce } : {}),
      time,
    },
  };
}

function num(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function cotTime(s: string | undefined): number | undefined {
  if (!s || !TIME.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The answer to a TAK client's ping (`t-x-c-t`): clients drop a connection that stays silent for
 * about 25 s, and a quiet picture may send nothing for longer.
 */
export function pong(now: number): string {
  return (
    `<event version="2.0" uid="takPong" type="t-x-c-t-r" how="h-g-i-g-o" time="${iso(now)}" start="${iso(now)}" stale="${iso(now + 20_000)}">` +
    `<point lat="0" lon="0" hae="0" ce="${UNKNOWN}" le="${UNKNOWN}"/><detail/></event>`
  );
}

/** The CoT uid of a unit or incident of this server. */
export const unitUid = (id: string) => `lagebild.unit.${id}`;
export const incidentUid = (id: string) => `lagebild.incident.${id}`;

/** A unit with a position as a friendly ground unit; `stale` is when Lagebild counts it stale. */
export function unitToCot(
  u: Unit,
  now: number,
  staleAfterMs: number,
  incidentNumber?: string,
): string | undefined {
  const p = u.position;
  if (!p) return undefined;
  const fms = `FMS ${u.status} ${FMS_INFO[u.status].de}`;
  const remarks = [fms, u.incidentId ? `Einsatz ${incidentNumber ?? u.incidentId}` : '', u.district]
    .filter(Boolean)
    .join(' · ');
  const track =
    p.heading !== undefined || p.speed !== undefined
      ? `<track course="${p.heading ?? 0}" speed="${p.speed ?? 0}"/>`
      : '';
  return (
    `<event version="2.0" uid="${escapeXml(unitUid(u.id))}" type="a-f-G-U-C" how="m-g" time="${iso(now)}" start="${iso(p.time)}" stale="${iso(p.time + staleAfterMs)}">` +
    `<point lat="${p.lat}" lon="${p.lon}" hae="${UNKNOWN}.0" ce="${p.accuracy ?? `${UNKNOWN}.0`}" le="${UNKNOWN}.0"/>` +
    `<detail><contact callsign="${escapeXml(u.callsign)}"/>${track}<remarks>${escapeXml(remarks)}</remarks></detail></event>`
  );
}

/** How long an open incident's marker lasts without a refresh (it is refreshed well before). */
export const INCIDENT_STALE_MS = 10 * 60_000;
const PRIORITY_ARGB = { 1: -65536, 2: -23296, 3: -256 } as const;

/** An incident as a spot marker: number, type and priority in the callsign, details in the remarks. */
export function incidentToCot(i: Incident, now: number): string {
  const stale = i.times.closed ?? now + INCIDENT_STALE_MS;
  const remarks = [
    `${i.type} · Priorität ${i.priority} · ${i.state}`,
    i.address ?? '',
    i.units.length ? `Einsatzmittel: ${i.units.join(', ')}` : '',
    i.description ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    `<event version="2.0" uid="${escapeXml(incidentUid(i.id))}" type="b-m-p-s-m" how="h-e" time="${iso(now)}" start="${iso(i.times.opened)}" stale="${iso(stale)}">` +
    `<point lat="${i.location.lat}" lon="${i.location.lon}" hae="${UNKNOWN}.0" ce="${UNKNOWN}.0" le="${UNKNOWN}.0"/>` +
    `<detail><contact callsign="${escapeXml(`${i.number} ${i.type} P${i.priority}`)}"/><color argb="${PRIORITY_ARGB[i.priority]}"/>` +
    `<remarks>${escapeXml(remarks)}</remarks></detail></event>`
  );
}

/** The `cot` section of the settings file. */
export const cotTablesSchema = z.strictObject({
  /** TAK uid (e.g. ANDROID-…) → unit id. */
  uid: z.record(z.string().min(1).max(200), z.string().regex(ID_PATTERN)),
});
export type CotTables = z.infer<typeof cotTablesSchema>;

/** Reads the table from the settings file when it changed (one stat per call otherwise). */
/** At most one stat a second: CoT comes one event at a time. */
export class CotSettings extends SettingsSection<CotTables> {
  constructor(file: string) {
    super(
      file,
      'cot',
      cotTablesSchema,
      `no CoT table: add a "cot" section with "uid" to ${file} (docs/interop.md)`,
      1000,
    );
  }
}

export const cotSettingsFor = (config: { basemapConfig: string | undefined; dataDir: string }) =>
  new CotSettings(config.basemapConfig ?? path.join(config.dataDir, 'settings.json'));
