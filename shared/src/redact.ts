/**
 * What a viewer may see, applied by the server before anything leaves it: personal data (caller,
 * notes, free-text description) and the positions of officers on foot / handheld radios are removed
 * for roles without the right, and district-limited operators see only their districts.
 */
import { idMap } from './idMap.ts';
import {
  PERSONAL_INCIDENT_FIELDS,
  PERSONAL_POSITION_KINDS,
  type Incident,
  type PersonalIncidentField,
  type Unit,
} from './domain.ts';
import type { Picture } from './picture.ts';
import type { LageEvent } from './schemas.ts';
import { can, type Role } from './roles.ts';

export interface ViewPolicy {
  personal: boolean;
  handhelds: boolean;
  /** Only these districts (units by their district, incidents by theirs); undefined = all. */
  districts?: readonly string[];
  /**
   * A federation peer (its device name): the server cuts what this view gets down to the peer's
   * sharing policy (server/src/federation/share.ts) after the rules here. A room of its own.
   */
  share?: string;
}

export const FULL_VIEW: ViewPolicy = { personal: true, handhelds: true };

export function policyFor(roles: readonly Role[], districts?: readonly string[]): ViewPolicy {
  return {
    personal: can(roles, 'personal.read'),
    handhelds: can(roles, 'handheld.read'),
    ...(districts?.length ? { districts } : {}),
  };
}

/** A stable key: viewers with equal keys get byte-identical data (one encoding per key). */
export const policyKey = (p: ViewPolicy): string =>
  `${p.personal ? 'P' : '-'}${p.handhelds ? 'H' : '-'}${p.districts ? `:${[...p.districts].sort().join('|')}` : ''}${p.share ? `>${p.share}` : ''}`;

/** Whether a unit of this district is in the viewer's districts (every unit has a district). */
export const unitInView = (p: ViewPolicy, district: string | undefined): boolean =>
  !p.districts || (district !== undefined && p.districts.includes(district));

/**
 * Whether an incident of this district is in the viewer's districts. Incidents without a district
 * stay visible to everyone: better shown than lost. (SQL twin: server/src/store/districtFilter.ts.)
 */
export const incidentInView = (p: ViewPolicy, district: string | undefined): boolean =>
  !p.districts || district === undefined || p.districts.includes(district);

/**
 * Looks up what an event refers to. `incidentDistrictOf` answers the district of the incident as it
 * was opened at or before `seq` (the event's own seq): a string, `null` for an incident opened without
 * a district, `undefined` when no opening of it is known. The server answers it from incident_index.
 */
export interface EventLookup {
  unitOf(id: string): Unit | undefined;
  incidentDistrictOf(id: string, seq: number): string | null | undefined;
}

/** The incident an event is about for the district rule: its own, or the one a unit status names. */
export function incidentOfEvent(e: LageEvent): string | undefined {
  switch (e.type) {
    case 'incident.opened':
      return e.incident.id;
    case 'incident.updated':
    case 'incident.assigned':
    case 'incident.closed':
    case 'incident.note':
    case 'unit.status':
      return e.incidentId;
    default:
      return undefined;
  }
}

/**
 * THE district rule for incident-related events, on every path (live batches, resume, events,
 * replay, export, incident history): the event is decided by its incident's district as opened, not
 * by anything the event itself carries. An incident with no known opening is hidden from a
 * district-limited viewer: nothing says it is theirs, and the reducer ignores such events anyway.
 */
export function incidentEventInView(p: ViewPolicy, e: LageEvent, lookup: EventLookup): boolean {
  if (!p.districts) return true;
  const id = incidentOfEvent(e);
  if (id === undefined) return true;
  const district =
    e.type === 'incident.opened' ? (e.incident.district ?? null) : lookup.incidentDistrictOf(id, e.seq);
  return district !== undefined && incidentInView(p, district ?? undefined);
}

/** The unit without the incident it is bound to when that incident is outside the viewer's districts. */
function unitForView(u: Unit, p: ViewPolicy, incidents: Picture['incidents']): Unit {
  if (!p.districts || u.incidentId === undefined) return u;
  const inc = incidents[u.incidentId];
  if (inc && incidentInView(p, inc.district)) return u;
  const { incidentId: _hidden, ...rest } = u;
  return rest;
}

export function redactUnit(u: Unit, p: ViewPolicy, incidents: Picture['incidents'] = {}): Unit | undefined {
  if (!unitInView(p, u.district)) return undefined;
  const bound = unitForView(u, p, incidents);
  if (p.handhelds || !PERSONAL_POSITION_KINDS.has(bound.kind) || !bound.position) return bound;
  const { position: _hidden, ...rest } = bound;
  return rest;
}

export function redactIncident(i: Incident, p: ViewPolicy): Incident | undefined {
  if (!incidentInView(p, i.district)) return undefined;
  if (p.personal) return i;
  const rest: Partial<Incident> = { ...i };
  for (const field of PERSONAL_INCIDENT_FIELDS) delete rest[field];
  return { ...(rest as Omit<Incident, PersonalIncidentField>), notes: [] };
}

export function redactPicture(picture: Picture, p: ViewPolicy): Picture {
  if (policyKey(p) === policyKey(FULL_VIEW)) return picture;
  const units: Picture['units'] = idMap();
  const incidents: Picture['incidents'] = idMap();
  for (const [id, u] of Object.entries(picture.units)) {
    const r = redactUnit(u, p, picture.incidents);
    if (r) units[id] = r;
  }
  for (const [id, i] of Object.entries(picture.incidents)) {
    const r = redactIncident(i, p);
    if (r) incidents[id] = r;
  }
  return { seq: picture.seq, units, incidents };
}

/**
 * The event as this viewer may see it, or undefined to leave it out (live batches are seq ranges,
 * so a left-out event is no gap). Incident-related events follow incidentEventInView; a unit status
 * naming an incident outside the viewer's districts is the unit's own news and stays (when the unit
 * is theirs) without the incident it names.
 */
export function redactEvent(e: LageEvent, p: ViewPolicy, lookup: EventLookup): LageEvent | undefined {
  if (!incidentEventInView(p, e, lookup)) {
    if (e.type !== 'unit.status') return undefined;
    const { incidentId: _hidden, ...status } = e;
    return redactEvent(status, p, lookup);
  }
  const unitVisible = (id: string) => {
    const u = lookup.unitOf(id);
    return !u || unitInView(p, u.district);
  };
  switch (e.type) {
    case 'unit.registered':
      return unitInView(p, e.unit.district) ? e : undefined;
    case 'unit.position': {
      const u = lookup.unitOf(e.unitId);
      if (!unitVisible(e.unitId)) return undefined;
      return !p.handhelds && u && PERSONAL_POSITION_KINDS.has(u.kind) ? undefined : e;
    }
    case 'unit.status':
    case 'unit.acknowledged':
    case 'unit.emergencyAcknowledged':
      return unitVisible(e.unitId) ? e : undefined;
    case 'incident.opened': {
      if (p.personal) return e;
      const { caller: _c, description: _d, ...incident } = e.incident;
      return { ...e, incident };
    }
    case 'incident.updated': {
      if (p.personal || e.patch.description === undefined) return e;
      const { description: _d, ...patch } = e.patch;
      return { ...e, patch };
    }
    case 'incident.note':
      return p.personal ? e : undefined;
    default:
      return e;
  }
}
