/**
 * The one reducer. The server, every dashboard and replay fold events with it, so the same log
 * always gives the same picture. `apply` and `applyAll` never mutate their input: they copy the
 * top-level maps once per call and replace each entity they touch. The maps are keyed by ids from
 * outside, so they are read with `own` and written with `put` (idMap.ts): an id such as
 * `constructor` or `toString` is an id like any other, never a member of Object.prototype.
 */
import { FMS, releasesIncident, type Incident, type Unit } from './domain.ts';
import type { EventOf, LageEvent } from './schemas.ts';
import { CLOSED_INCIDENT_RETENTION_MS, type Picture } from './picture.ts';
import { own, put, toIdMap } from './idMap.ts';
import { ClosedQueue } from './closedQueue.ts';

export function apply(picture: Picture, event: LageEvent): Picture {
  return applyAll(picture, [event]);
}

export function applyAll(picture: Picture, events: readonly LageEvent[]): Picture {
  if (events.length === 0) return picture;
  const draft: Picture = {
    seq: picture.seq,
    units: toIdMap(picture.units),
    incidents: toIdMap(picture.incidents),
  };
  return foldInto(draft, events);
}

/**
 * The same fold, into a picture the caller owns outright (nobody else holds its maps): it replaces
 * entities but updates the maps in place, skipping the per-call copy of thousands of entries. The
 * server's live picture uses it on the ingest hot path; everything that shares pictures uses applyAll.
 */
export function foldInto(owned: Picture, events: readonly LageEvent[]): Picture {
  const d = new Draft(owned);
  for (const event of events) fold(d, event);
  return owned;
}

/** An event the reducer could not fold; the picture is as it was before the call. */
export class FoldError extends Error {
  /** Why the reducer refused the event (the message of what it threw). */
  readonly reason: string;
  constructor(
    readonly event: LageEvent,
    readonly index: number,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`event ${index + 1} (${String(event?.type)}) cannot be folded into the picture: ${why}`);
    this.reason = why;
  }
}

/**
 * Folds all events into `owned` or none: if one throws, every change of this call is undone and a
 * FoldError names the event. Returns an undo for the caller (the server folds before it commits
 * and undoes the fold when the commit fails: acknowledged = committed = folded).
 */
export function foldAtomic(owned: Picture, events: readonly LageEvent[]): () => void {
  const d = new Draft(owned, []);
  events.forEach((event, index) => {
    try {
      fold(d, event);
    } catch (err) {
      d.undo();
      throw new FoldError(event, index, err);
    }
  });
  return () => d.undo();
}

type Key = 'units' | 'incidents';
type Entry = [map: Key, id: string, had: boolean, old: unknown];

/**
 * The reducer's view of a picture: reads own entries only, writes own entries only, and (with a
 * journal) remembers what each write replaced so the whole fold can be undone. Entities are
 * replaced, never mutated, so restoring the old references restores the picture exactly.
 */
class Draft {
  private readonly seq0: number;
  /** Built at the first opening of this fold; kept up to date by setIncident from then on. */
  private closed: ClosedQueue | undefined;
  constructor(
    readonly p: Picture,
    private readonly journal?: Entry[],
  ) {
    this.seq0 = p.seq;
  }
  unit(id: string): Unit | undefined {
    return own(this.p.units, id);
  }
  incident(id: string): Incident | undefined {
    return own(this.p.incidents, id);
  }
  setUnit(id: string, unit: Unit): void {
    this.note('units', id);
    put(this.p.units, id, unit);
  }
  setIncident(id: string, incident: Incident): void {
    this.note('incidents', id);
    put(this.p.incidents, id, incident);
    const closed = incident.times.closed;
    if (closed !== undefined) this.closed?.push(closed, id);
  }
  /**
   * Drops every incident closed more than `retention` before `now`: the same set a scan of all
   * incidents finds, taken from the queue (a fold of a long log opens thousands of incidents).
   */
  pruneClosed(now: number, retention: number): void {
    if (!this.closed) {
      this.closed = new ClosedQueue();
      for (const id of Object.keys(this.p.incidents)) {
        const closed = this.incident(id)?.times.closed;
        if (closed !== undefined) this.closed.push(closed, id);
      }
    }
    for (let t = this.closed.peek(); t !== undefined && now - t > retention; t = this.closed.peek()) {
      const [closed, id] = this.closed.pop()!;
      // A stale entry: the incident is gone, or was closed again later.
      if (this.incident(id)?.times.closed === closed) this.dropIncident(id);
    }
  }
  dropIncident(id: string): void {
    this.note('incidents', id);
    delete this.p.incidents[id];
  }
  undo(): void {
    const journal = this.journal ?? [];
    for (let i = journal.length - 1; i >= 0; i--) {
      const [key, id, had, old] = journal[i]!;
      const map = this.p[key] as Record<string, unknown>;
      if (had) put(map, id, old);
      else delete map[id];
    }
    journal.length = 0;
    this.p.seq = this.seq0;
  }
  private note(key: Key, id: string): void {
    const map = this.p[key] as Record<string, unknown>;
    if (this.journal) this.journal.push([key, id, Object.hasOwn(map, id), own(map, id)]);
  }
}

/** Folds one event into a draft whose maps (not entities) the caller owns. */
function fold(d: Draft, e: LageEvent): void {
  d.p.seq = e.seq;
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
    default:
      // Only a damaged log row gets here (every writer and reader validates the type).
      throw new Error(`unknown event type "${String((e as { type?: unknown }).type)}"`);
  }
}

/**
 * The latched emergency ends only by an acknowledgement: the explicit one, or a plain one given
 * while the unit is still in status 0 (that is what "J" on an emergency always meant).
 */
function acknowledged(d: Draft, unitId: string, time: number, emergency: boolean): void {
  const unit = d.unit(unitId);
  if (!unit) return;
  const { emergencySince, ...rest } = unit;
  const clears = emergency || unit.status === FMS.EMERGENCY;
  d.setUnit(
    unitId,
    clears || emergencySince === undefined
      ? { ...rest, acknowledgedAt: time }
      : { ...rest, acknowledgedAt: time, emergencySince },
  );
}

/** A status 0 latches the emergency (the first one counts until an acknowledgement). */
const latch = (unit: Unit, status: number, time: number): Unit =>
  status === FMS.EMERGENCY && unit.emergencySince === undefined ? { ...unit, emergencySince: time } : unit;

function registered(d: Draft, e: EventOf<'unit.registered'>): void {
  const prev = d.unit(e.unit.id);
  const status = e.unit.status ?? prev?.status ?? 2;
  const kept: Partial<Unit> = { ...prev };
  delete kept.origin;
  const unit: Unit = {
    ...kept,
    id: e.unit.id,
    callsign: e.unit.callsign,
    kind: e.unit.kind,
    district: e.unit.district,
    status,
    statusSince: prev && prev.status === status ? prev.statusSince : e.time,
  };
  // The registration decides where a unit comes from (the federation adapter sets it on each).
  if (e.unit.origin !== undefined) unit.origin = e.unit.origin;
  d.setUnit(unit.id, e.unit.status === undefined ? unit : latch(unit, status, e.time));
}

function position(d: Draft, e: EventOf<'unit.position'>): void {
  const unit = d.unit(e.unitId);
  // A fix older than the one we hold arrived late: keep the newer one.
  if (!unit || (unit.position && unit.position.time > e.time)) return;
  const p: Unit['position'] = { lat: e.lat, lon: e.lon, time: e.time };
  if (e.heading !== undefined) p.heading = e.heading;
  if (e.speed !== undefined) p.speed = e.speed;
  if (e.accuracy !== undefined) p.accuracy = e.accuracy;
  d.setUnit(e.unitId, { ...unit, position: p });
}

function status(d: Draft, e: EventOf<'unit.status'>): void {
  const unit = d.unit(e.unitId);
  if (!unit) return;
  const next: Unit = latch(
    { ...unit, status: e.status, statusSince: unit.status === e.status ? unit.statusSince : e.time },
    e.status,
    e.time,
  );
  d.setUnit(e.unitId, next);
  if (e.status === FMS.ALARMED && e.incidentId) {
    assign(d, e.incidentId, e.unitId, e.time);
  } else if (e.status === FMS.ON_SCENE && next.incidentId) {
    const inc = d.incident(next.incidentId);
    if (inc && inc.state !== 'abgeschlossen') {
      d.setIncident(inc.id, {
        ...inc,
        state: 'in_bearbeitung',
        times: { ...inc.times, firstOnScene: inc.times.firstOnScene ?? e.time },
      });
    }
  } else if (releasesIncident(e.status)) {
    // Free again (or off duty): no longer bound to an incident.
    const { incidentId: _released, ...free } = next;
    d.setUnit(e.unitId, free);
  }
}

function opened(d: Draft, e: EventOf<'incident.opened'>): void {
  d.pruneClosed(e.time, CLOSED_INCIDENT_RETENTION_MS);
  const i = e.incident;
  d.setIncident(i.id, openedIncident(e, d.incident(i.id)));
}

/**
 * The incident an opening makes: the event's fields over what an earlier opening of the same id
 * left (state, times, units, notes). Shared with the importer's in-place fold (tools/import).
 */
export function openedIncident(e: EventOf<'incident.opened'>, prev: Incident | undefined): Incident {
  const i = e.incident;
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
  if (i.origin !== undefined) inc.origin = i.origin;
  return inc;
}

function updated(d: Draft, e: EventOf<'incident.updated'>): void {
  const inc = d.incident(e.incidentId);
  if (!inc) return;
  const { state, location, ...rest } = e.patch;
  const next: Incident = { ...inc, ...rest };
  if (location) next.location = { ...location };
  d.setIncident(inc.id, next);
  if (state === 'abgeschlossen') return close(d, inc.id, e.time);
  if (state === undefined) return;
  next.state = state;
  // Same times as the assign and status-4 paths: a state set by hand is as much a dispatch or an
  // arrival as one reported by a unit, and the first one counts.
  if (state === 'disponiert') next.times = { ...inc.times, dispatched: inc.times.dispatched ?? e.time };
  else if (state === 'in_bearbeitung')
    next.times = { ...inc.times, firstOnScene: inc.times.firstOnScene ?? e.time };
}

function assign(d: Draft, incidentId: string, unitId: string, time: number): void {
  const inc = d.incident(incidentId);
  const unit = d.unit(unitId);
  if (!inc || !unit || inc.state === 'abgeschlossen') return;
  d.setIncident(incidentId, {
    ...inc,
    state: inc.state === 'neu' ? 'disponiert' : inc.state,
    times: { ...inc.times, dispatched: inc.times.dispatched ?? time },
    units: inc.units.includes(unitId) ? inc.units : [...inc.units, unitId],
  });
  d.setUnit(unitId, {
    ...unit,
    incidentId,
    status: 3,
    statusSince: unit.status === FMS.ALARMED && unit.incidentId === incidentId ? unit.statusSince : time,
  });
}

function close(d: Draft, incidentId: string, time: number): void {
  const inc = d.incident(incidentId);
  if (!inc || inc.state === 'abgeschlossen') return;
  d.setIncident(incidentId, { ...inc, state: 'abgeschlossen', times: { ...inc.times, closed: time } });
  for (const unitId of inc.units) {
    const unit = d.unit(unitId);
    if (unit?.incidentId === incidentId) {
      const { incidentId: _released, ...free } = unit;
      d.setUnit(unitId, free);
    }
  }
}

function note(d: Draft, e: EventOf<'incident.note'>): void {
  const inc = d.incident(e.incidentId);
  if (!inc) return;
  d.setIncident(inc.id, {
    ...inc,
    notes: [...inc.notes, { time: e.time, author: e.by ?? '', text: e.text }],
  });
}
