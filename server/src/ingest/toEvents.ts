/**
 * Turns an ingest request (a JSON array of items of one kind) into events, or into a list of
 * errors, one per bad item. All or nothing: a request with any bad item stores none of it.
 */
import {
  describeIssues,
  ingestItemSchemas,
  type IngestKind,
  type NewEvent,
  type PositionIn,
} from '#shared/schemas';
import type { Picture } from '#shared/picture';
import { has, own } from '#shared/idMap';
import type { ItemError } from '#shared/wire';
import { fastPosition } from './fastPosition.ts';

/** Clock skew we tolerate from terminals before calling a timestamp wrong. */
export const MAX_FUTURE_MS = 5 * 60_000;

export type IngestResult =
  { ok: true; events: NewEvent[] } | { ok: false; status: number; error: string; items?: ItemError[] };

interface Context {
  picture: Picture;
  now: number;
  by: string;
  maxItems: number;
}

export function toEvents(kind: IngestKind, body: unknown, ctx: Context): IngestResult {
  if (!Array.isArray(body)) {
    return { ok: false, status: 400, error: 'body must be a JSON array of items' };
  }
  if (body.length > ctx.maxItems) {
    return {
      ok: false,
      status: 413,
      error: `too many items: ${body.length} (at most ${ctx.maxItems} per request)`,
    };
  }
  const refs = new Refs(ctx.picture);
  const events: NewEvent[] = [];
  const items: ItemError[] = [];
  body.forEach((raw, index) => {
    const errors: string[] = [];
    const event = toEvent(kind, raw, ctx, refs, errors);
    if (event && errors.length === 0) events.push(event);
    else items.push({ index, errors: errors.length ? errors : ['invalid item'] });
  });
  if (items.length > 0) {
    const n = items.length;
    return { ok: false, status: 400, error: `${n} of ${body.length} items invalid; nothing stored`, items };
  }
  return { ok: true, events };
}

/** What the picture knows plus what earlier items of the same request create. */
class Refs {
  private readonly newUnits = new Set<string>();
  private readonly incidentState = new Map<string, 'open' | 'closed'>();
  constructor(private readonly picture: Picture) {}
  hasUnit(id: string): boolean {
    return has(this.picture.units, id) || this.newUnits.has(id);
  }
  addUnit(id: string): void {
    this.newUnits.add(id);
  }
  incident(id: string): 'open' | 'closed' | undefined {
    const local = this.incidentState.get(id);
    if (local) return local;
    const inc = own(this.picture.incidents, id);
    if (!inc) return undefined;
    return inc.state === 'abgeschlossen' ? 'closed' : 'open';
  }
  setIncident(id: string, state: 'open' | 'closed'): void {
    this.incidentState.set(id, state);
  }
}

function toEvent(
  kind: IngestKind,
  raw: unknown,
  ctx: Context,
  refs: Refs,
  errors: string[],
): NewEvent | undefined {
  const fast = kind === 'positions' ? fastPosition(raw) : undefined;
  const parsed = fast ? undefined : ingestItemSchemas[kind].safeParse(raw);
  if (parsed && !parsed.success) {
    errors.push(...describeIssues(parsed.error));
    return undefined;
  }
  const item = fast ?? parsed!.data!;
  errors.push(...foreignRefs(item, ctx.picture));
  const time = item.time ?? ctx.now;
  if (time - ctx.now > MAX_FUTURE_MS)
    errors.push(`time: ${Math.round((time - ctx.now) / 1000)} s in the future`);
  const by = ctx.by;
  const needUnit = (id: string) => {
    if (!refs.hasUnit(id))
      errors.push(`unitId: unknown unit "${id}" (register it via /api/v1/ingest/units first)`);
  };
  const needOpen = (id: string) => {
    const state = refs.incident(id);
    if (state === undefined) errors.push(`id: unknown incident "${id}"`);
    else if (state === 'closed') errors.push(`id: incident "${id}" is closed`);
  };

  if ('callsign' in item) {
    refs.addUnit(item.id);
    const unit = { id: item.id, callsign: item.callsign, kind: item.kind, district: item.district };
    return {
      type: 'unit.registered',
      time,
      by,
      unit: item.status === undefined ? unit : { ...unit, status: item.status },
    };
  }
  if ('lat' in item && 'unitId' in item) {
    needUnit(item.unitId);
    if (fast) return positionEvent(fast, time, by);
    const { time: _t, ...fix } = item;
    return { type: 'unit.position', time, by, ...fix };
  }
  if ('status' in item && 'unitId' in item) {
    needUnit(item.unitId);
    if (item.incidentId !== undefined) needOpen(item.incidentId);
    const { time: _t, ...rest } = item;
    return { type: 'unit.status', time, by, ...rest };
  }
  if (!('op' in item)) return undefined;
  switch (item.op) {
    case 'open': {
      if (refs.incident(item.id) !== undefined)
        errors.push(`id: incident "${item.id}" exists already (use op "update")`);
      refs.setIncident(item.id, 'open');
      const { op: _op, time: _t, lat, lon, number, ...rest } = item;
      return {
        type: 'incident.opened',
        time,
        by,
        incident: { ...rest, number: number ?? item.id, location: { lat, lon } },
      };
    }
    case 'update': {
      needOpen(item.id);
      const { op: _op, time: _t, id, lat, lon, ...patch } = item;
      if ((lat === undefined) !== (lon === undefined)) errors.push('lat and lon go together');
      if (item.state === 'abgeschlossen') refs.setIncident(id, 'closed');
      const location = lat !== undefined && lon !== undefined ? { location: { lat, lon } } : {};
      return { type: 'incident.updated', time, by, incidentId: id, patch: { ...patch, ...location } };
    }
    case 'assign':
      needOpen(item.id);
      needUnit(item.unitId);
      return { type: 'incident.assigned', time, by, incidentId: item.id, unitId: item.unitId };
    case 'close':
      needOpen(item.id);
      refs.setIncident(item.id, 'closed');
      return { type: 'incident.closed', time, by, incidentId: item.id };
  }
}

/** A federation peer's units and incidents are read-only here: no local input may change them. */
function foreignRefs(item: object, picture: Picture): string[] {
  const i = item as { id?: string; unitId?: string; incidentId?: string; callsign?: string; op?: string };
  const refs: [field: string, origin: string | undefined][] = [];
  if (i.unitId !== undefined) refs.push(['unitId', own(picture.units, i.unitId)?.origin]);
  if (i.incidentId !== undefined) refs.push(['incidentId', own(picture.incidents, i.incidentId)?.origin]);
  if (i.id !== undefined)
    refs.push([
      'id',
      (i.callsign !== undefined ? own(picture.units, i.id) : own(picture.incidents, i.id))?.origin,
    ]);
  return refs.flatMap(([field, origin]) =>
    origin === undefined ? [] : [`${field}: comes from ${origin} (federation) and is read-only here`],
  );
}

/**
 * The event of a position fastPosition accepted, built field by field (the same keys in the same
 * order as the spread below it): nearly all ingest is positions, and the rest/spread copy measured
 * about 1 µs per event.
 */
function positionEvent(fix: PositionIn, time: number, by: string): NewEvent {
  const e: Extract<NewEvent, { type: 'unit.position' }> = {
    type: 'unit.position',
    time,
    by,
    unitId: fix.unitId,
    lat: fix.lat,
    lon: fix.lon,
  };
  if (fix.heading !== undefined) e.heading = fix.heading;
  if (fix.speed !== undefined) e.speed = fix.speed;
  if (fix.accuracy !== undefined) e.accuracy = fix.accuracy;
  return e;
}
