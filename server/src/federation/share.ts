/**
 * What leaves this server for a federation peer, field by field. Runs after the district,
 * personal-data and handheld rule of shared/src/redact.ts (the same for every viewer), and adds the
 * peer's policy: unit kinds, the fields named, coarsened positions — and never anything this server
 * got from a peer itself (no loops, even in a ring A→B→C→A).
 */
import { idMap } from '#shared/idMap';
import type { Incident, Unit } from '#shared/domain';
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { SharePolicy } from './policy.ts';

/** `by` of every event the federation adapter commits: `fed:<peer>` (device names have no ':'). */
export const FOREIGN_BY_PREFIX = 'fed:';

export interface ShareLookup {
  unitOf(id: string): Unit | undefined;
  incidentOf(id: string): Incident | undefined;
}

const isForeignEvent = (e: LageEvent) => e.by?.startsWith(FOREIGN_BY_PREFIX) === true;

const kindShared = (p: SharePolicy, kind: string) => p.kinds === '*' || (p.kinds as string[]).includes(kind);

/** The centre of the grid cell of `metres` the point lies in (WGS84, cells equal in metres). */
export function coarsen(lat: number, lon: number, metres: number): { lat: number; lon: number } {
  const dLat = metres / 111_320;
  const cLat = Math.min(90, Math.max(-90, (Math.floor(lat / dLat) + 0.5) * dLat));
  const dLon = metres / (111_320 * Math.max(0.01, Math.cos((cLat * Math.PI) / 180)));
  const cLon = Math.min(180, Math.max(-180, (Math.floor(lon / dLon) + 0.5) * dLon));
  // Rounded to 1e-7° (about 1 cm): what the grid leaves is the only information.
  return { lat: Math.round(cLat * 1e7) / 1e7, lon: Math.round(cLon * 1e7) / 1e7 };
}

const place = (p: SharePolicy, lat: number, lon: number) =>
  p.gridMetres ? coarsen(lat, lon, p.gridMetres) : { lat, lon };

const has = <F extends string>(list: readonly F[], f: F) => list.includes(f);

/** A unit this server may share at all: its own (not a peer's) and of a kind the policy names. */
function unitShared(p: SharePolicy, u: Unit | undefined): u is Unit {
  return u !== undefined && u.origin === undefined && kindShared(p, u.kind);
}
const incidentForeign = (i: Incident | undefined) => i?.origin !== undefined;

function accuracyOf(p: SharePolicy, accuracy: number | undefined): number | undefined {
  if (!has(p.unitFields, 'accuracy') || accuracy === undefined) return undefined;
  return p.gridMetres ? Math.max(accuracy, p.gridMetres) : accuracy;
}

/** Copies only the defined values (the schemas are strict: no `undefined` members on the wire). */
function defined<T extends object>(o: T): T {
  const out = {} as T;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The event as this peer may have it, or undefined (left out: live batches are seq ranges). */
export function shareEvent(e: LageEvent, p: SharePolicy, look: ShareLookup): LageEvent | undefined {
  if (isForeignEvent(e)) return undefined;
  const unitOk = (id: string) => unitShared(p, look.unitOf(id));
  const incidentOk = (id: string) => !incidentForeign(look.incidentOf(id));
  const base = defined({ seq: e.seq, time: e.time, received: e.received, by: e.by });
  switch (e.type) {
    case 'unit.registered': {
      const { id, callsign, kind, district, status, origin } = e.unit;
      if (origin !== undefined || !kindShared(p, kind)) return undefined;
      return { ...base, type: e.type, unit: defined({ id, callsign, kind, district, status }) };
    }
    case 'unit.position': {
      if (!has(p.unitFields, 'position') || !unitOk(e.unitId)) return undefined;
      const motion = has(p.unitFields, 'motion');
      return {
        ...base,
        type: e.type,
        unitId: e.unitId,
        ...place(p, e.lat, e.lon),
        ...defined({
          heading: motion ? e.heading : undefined,
          speed: motion ? e.speed : undefined,
          accuracy: accuracyOf(p, e.accuracy),
        }),
      };
    }
    case 'unit.status': {
      if (!unitOk(e.unitId)) return undefined;
      const bound = e.incidentId !== undefined && has(p.unitFields, 'incident') && incidentOk(e.incidentId);
      return defined({
        ...base,
        type: e.type,
        unitId: e.unitId,
        status: e.status,
        incidentId: bound ? e.incidentId : undefined,
      });
    }
    case 'unit.acknowledged':
    case 'unit.emergencyAcknowledged':
      return unitOk(e.unitId) ? { ...base, type: e.type, unitId: e.unitId } : undefined;
    case 'incident.opened': {
      const i = e.incident;
      if (i.origin !== undefined) return undefined;
      const fields = p.incidentFields;
      const incident = defined({
        id: i.id,
        number: i.number,
        type: i.type,
        priority: i.priority,
        location: place(p, i.location.lat, i.location.lon),
        district: i.district,
        address: has(fields, 'address') ? i.address : undefined,
        description: p.personal && has(fields, 'description') ? i.description : undefined,
        caller: p.personal && has(fields, 'caller') && i.caller ? { ...i.caller } : undefined,
      });
      return { ...base, type: e.type, incident };
    }
    case 'incident.updated': {
      if (!incidentOk(e.incidentId)) return undefined;
      const q = e.patch;
      const patch = defined({
        type: q.type,
        priority: q.priority,
        state: q.state,
        location: q.location && place(p, q.location.lat, q.location.lon),
        address: has(p.incidentFields, 'address') ? q.address : undefined,
        description: p.personal && has(p.incidentFields, 'description') ? q.description : undefined,
      });
      if (Object.keys(patch).length === 0) return undefined;
      return { ...base, type: e.type, incidentId: e.incidentId, patch };
    }
    case 'incident.assigned':
      if (!has(p.unitFields, 'incident') || !unitOk(e.unitId) || !incidentOk(e.incidentId)) return undefined;
      return { ...base, type: e.type, incidentId: e.incidentId, unitId: e.unitId };
    case 'incident.closed':
      return incidentOk(e.incidentId) ? { ...base, type: e.type, incidentId: e.incidentId } : undefined;
    case 'incident.note':
      if (!p.personal || !has(p.incidentFields, 'notes') || !incidentOk(e.incidentId)) return undefined;
      return { ...base, type: e.type, incidentId: e.incidentId, text: e.text };
    default:
      return undefined;
  }
}

export function shareEvents(events: readonly LageEvent[], p: SharePolicy, look: ShareLookup): LageEvent[] {
  const out: LageEvent[] = [];
  for (const e of events) {
    const shared = shareEvent(e, p, look);
    if (shared) out.push(shared);
  }
  return out;
}

function shareUnit(u: Unit, p: SharePolicy, incidents: Picture['incidents']): Unit {
  const position = has(p.unitFields, 'position') ? u.position : undefined;
  const motion = has(p.unitFields, 'motion');
  const inc = u.incidentId === undefined ? undefined : incidents[u.incidentId];
  return defined({
    id: u.id,
    callsign: u.callsign,
    kind: u.kind,
    district: u.district,
    status: u.status,
    statusSince: u.statusSince,
    acknowledgedAt: u.acknowledgedAt,
    emergencySince: u.emergencySince,
    incidentId: has(p.unitFields, 'incident') && inc && !incidentForeign(inc) ? u.incidentId : undefined,
    position:
      position &&
      defined({
        ...place(p, position.lat, position.lon),
        time: position.time,
        heading: motion ? position.heading : undefined,
        speed: motion ? position.speed : undefined,
        accuracy: accuracyOf(p, position.accuracy),
      }),
  });
}

function shareIncident(i: Incident, p: SharePolicy, units: ReadonlySet<string>): Incident {
  const f = p.incidentFields;
  return defined({
    id: i.id,
    number: i.number,
    type: i.type,
    priority: i.priority,
    state: i.state,
    location: place(p, i.location.lat, i.location.lon),
    district: i.district,
    times: { ...i.times },
    units: has(p.unitFields, 'incident') ? i.units.filter((id) => units.has(id)) : [],
    notes: p.personal && has(f, 'notes') ? i.notes.map((n) => ({ ...n })) : [],
    address: has(f, 'address') ? i.address : undefined,
    description: p.personal && has(f, 'description') ? i.description : undefined,
    caller: p.personal && has(f, 'caller') && i.caller ? { ...i.caller } : undefined,
  });
}

/** The picture (already redacted by district, personal data and handhelds) as this peer may have it. */
export function sharePicture(picture: Picture, p: SharePolicy): Picture {
  const units: Picture['units'] = idMap();
  const incidents: Picture['incidents'] = idMap();
  for (const [id, u] of Object.entries(picture.units))
    if (unitShared(p, u)) units[id] = shareUnit(u, p, picture.incidents);
  const unitIds = new Set(Object.keys(units));
  for (const [id, i] of Object.entries(picture.incidents))
    if (!incidentForeign(i)) incidents[id] = shareIncident(i, p, unitIds);
  return { seq: picture.seq, units, incidents };
}
