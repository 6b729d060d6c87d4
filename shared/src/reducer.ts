/**
 * The one reducer. The server, every dashboard and replay fold events with it, so the same log
 * always gives the same picture. `apply` and `applyAll` never mutate their input: they copy the
 * top-level maps once per call and replace each entity they touch.
 */
import type { Incident, Unit } from './domain.ts';
import type { EventOf, LageEvent } from './schemas.ts';
import { CLOSED_INCIDENT_RETENTION_MS, type Picture } from './picture.ts';

export function apply(picture: Picture, event: LageEvent): Picture {
  return applyAll(picture, [event]);
}

export function applyAll(picture: Picture, events: readonly LageEvent[]): Picture {
  if (events.length === 0) return picture;
  const draft: Picture = {
    seq: picture.seq,
    units: { ...picture.units },
    incidents: { ...picture.incidents },
  };
  return foldInto(draft, events);
}

/**
 * The same fold, into a picture the caller owns outright (nobody else holds its maps): it replaces
 * entities but updates the maps in place, skipping the per-call copy of thousands of entries. The
 * server's live picture uses it on the ingest hot path; everything that shares pictures uses applyAll.
 */
export function foldInto(owned: Picture, events: readonly LageEvent[]): Picture {
  for (const event of events) fold(owned, event);
  return owned;
}

/** Folds one event into a draft whose maps (not entities) the caller owns. */
function fold(d: Picture, e: LageEvent): void {
  d.seq = e.seq;
  switch (e.type) {
    case 'unit.registered':
      return registered(d, e);
    case 'unit.position':
      return position(d, e);
    case 'unit.status':
      return status(d, e);
    case 'incident.opened':
      return opened(d, e);
    case 'incident.updated':
      return updated(d, e);
    case 'incident.assigned':
      return assign(d, e.incidentId, e.unitId, e.time);
    case 'incident.closed':
      return close(d, e.incidentId, e.time);
    case 'incident.note':
      return note(d, e);
    case 'unit.acknowledged':
      return acknowledged(d, e.unitId, e.time, false);
    case 'unit.emergencyAcknowledged':
      return acknowledged(d, e.unitId, e.time, true);
  }
}

/**
 * The latched emergency ends only by an acknowledgement: the explicit one, or a plain one given
 * while the unit is still in status 0 (that is what "J" on an emergency always meant).
 */
function acknowledged(d: Picture, unitId: string, time: number, emergency: boolean): void {
  const unit = d.units[unitId];
  if (!unit) return;
  const { emergencySince, ...rest } = unit;
  const clears = emergency || unit.status === 0;
  d.units[unitId] =
    clears || emergencySince === undefined
      ? { ...rest, acknowledgedAt: time }
      : { ...rest, acknowledgedAt: time, emergencySince };
}

/** A status 0 latches the emergency (the first one counts until an acknowledgement). */
const latch = (unit: Unit, status: number, time: number): Unit =>
  status === 0 && unit.emergencySince === undefined ? { ...unit, emergencySince: time } : unit;

function registered(d: Picture, e: EventOf<'unit.registered'>): void {
  const prev = d.units[e.unit.id];
  const status = e.unit.status ?? prev?.status ?? 2;
  const unit: Unit = {
    ...prev,
    id: e.unit.id,
    callsign: e.unit.callsign,
    kind: e.unit.kind,
    district: e.unit.district,
    status,
    statusSince: prev && prev.status === status ? prev.statusSince : e.time,
  };
  d.units[unit.id] = e.unit.status === undefined ? unit : latch(unit, status, e.time);
}

function position(d: Picture, e: EventOf<'unit.position'>): void {
  const unit = d.units[e.unitId];
  // A fix older than the one we hold arrived late: keep the newer one.
  if (!unit || (unit.position && unit.position.time > e.time)) return;
  const p: Unit['position'] = { lat: e.lat, lon: e.lon, time: e.time };
  if (e.heading !== undefined) p.heading = e.heading;
  if (e.speed !== undefined) p.speed = e.speed;
  if (e.accuracy !== undefined) p.accuracy = e.accuracy;
  d.units[e.unitId] = { ...unit, position: p };
}

function status(d: Picture, e: EventOf<'unit.status'>): void {
  const unit = d.units[e.unitId];
  if (!unit) return;
  const next: Unit = latch(
    { ...unit, status: e.status, statusSince: unit.status === e.status ? unit.statusSince : e.time },
    e.status,
    e.time,
  );
  d.units[e.unitId] = next;
  if (e.status === 3 && e.incidentId) {
    assign(d, e.incidentId, e.unitId, e.time);
  } else if (e.status === 4 && next.incidentId) {
    const inc = d.incidents[next.incidentId];
    if (inc && inc.state !== 'abgeschlossen') {
      d.incidents[inc.id] = {
        ...inc,
        state: 'in_bearbeitung',
        times: { ...inc.times, firstOnScene: inc.times.firstOnScene ?? e.time },
      };
    }
  } else if (e.status === 1 || e.status === 2 || e.status === 6) {
    // Free again (or off duty): no longer bound to an incident.
    const { incidentId: _released, ...free } = next;
    d.units[e.unitId] = free;
  }
}

function opened(d: Picture, e: EventOf<'incident.opened'>): void {
  pruneClosed(d, e.time);
  const i = e.incident;
  const prev = d.incidents[i.id];
  const inc: Incident = {
    id: i.id,
    number: i.number,
    type: i.type,
    priority: i.priority,
    state: prev?.state ?? 'neu',
    location: { ...i.location },
    times: prev?.times ?? { opened: e.time },
    units: prev?.units ?? [],
    notes: prev?.notes ?? [],
  };
  if (i.address !== undefined) inc.address = i.address;
  if (i.district !== undefined) inc.district = i.district;
  if (i.description !== undefined) inc.description = i.description;
  if (i.caller !== undefined) inc.caller = { ...i.caller };
  d.incidents[i.id] = inc;
}

function updated(d: Picture, e: EventOf<'incident.updated'>): void {
  const inc = d.incidents[e.incidentId];
  if (!inc) return;
  const { state, location, ...rest } = e.patch;
  const next: Incident = { ...inc, ...rest };
  if (location) next.location = { ...location };
  d.incidents[inc.id] = next;
  if (state === 'abgeschlossen') return close(d, inc.id, e.time);
  if (state === undefined) return;
  next.state = state;
  // Same times as the assign and status-4 paths: a state set by hand is as much a dispatch or an
  // arrival as one reported by a unit, and the first one counts.
  if (state === 'disponiert') next.times = { ...inc.times, dispatched: inc.times.dispatched ?? e.time };
  else if (state === 'in_bearbeitung')
    next.times = { ...inc.times, firstOnScene: inc.times.firstOnScene ?? e.time };
}

function assign(d: Picture, incidentId: string, unitId: string, time: number): void {
  const inc = d.incidents[incidentId];
  const unit = d.units[unitId];
  if (!inc || !unit || inc.state === 'abgeschlossen') return;
  d.incidents[incidentId] = {
    ...inc,
    state: inc.state === 'neu' ? 'disponiert' : inc.state,
    times: { ...inc.times, dispatched: inc.times.dispatched ?? time },
    units: inc.units.includes(unitId) ? inc.units : [...inc.units, unitId],
  };
  d.units[unitId] = {
    ...unit,
    incidentId,
    status: 3,
    statusSince: unit.status === 3 && unit.incidentId === incidentId ? unit.statusSince : time,
  };
}

function close(d: Picture, incidentId: string, time: number): void {
  const inc = d.incidents[incidentId];
  if (!inc || inc.state === 'abgeschlossen') return;
  d.incidents[incidentId] = { ...inc, state: 'abgeschlossen', times: { ...inc.times, closed: time } };
  for (const unitId of inc.units) {
    const unit = d.units[unitId];
    if (unit?.incidentId === incidentId) {
      const { incidentId: _released, ...free } = unit;
      d.units[unitId] = free;
    }
  }
}

function note(d: Picture, e: EventOf<'incident.note'>): void {
  const inc = d.incidents[e.incidentId];
  if (!inc) return;
  d.incidents[inc.id] = { ...inc, notes: [...inc.notes, { time: e.time, author: e.by ?? '', text: e.text }] };
}

function pruneClosed(d: Picture, now: number): void {
  for (const id in d.incidents) {
    const closed = d.incidents[id]?.times.closed;
    if (closed !== undefined && now - closed > CLOSED_INCIDENT_RETENTION_MS) delete d.incidents[id];
  }
}
