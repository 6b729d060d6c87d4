/**
 * The federation ingest adapter: what a peer's /live sends (snapshot, batches) becomes validated
 * events of this server's log like any other input. Every id is namespaced `<peer>:<id>` so no
 * foreign id can collide with a local one (or with another peer's), every unit and incident carries
 * `origin: <peer>`, and every event `by: fed:<peer>` — which is how the sharing side knows never to
 * pass it on (federation/share.ts). The peer's name is the one this server gives it, never one the
 * peer claims, so a peer cannot write into another peer's namespace.
 */
import { describeIssues, lageEventSchema, type LageEvent, type NewEvent } from '#shared/schemas';
import { batchSchema, snapshotMessageSchema } from '#shared/wire';
import type { Picture } from '#shared/picture';
import { FOREIGN_BY_PREFIX } from '../federation/share.ts';

export type Translated =
  | { ok: true; from: number; to: number; events: NewEvent[]; refused: string[] }
  | { ok: false; error: string };

/** The id as this server keeps it; undefined when it would be longer than an id may be. */
export function foreignId(peer: string, id: string): string | undefined {
  const ns = `${peer}:${id}`;
  return ns.length <= 64 ? ns : undefined;
}

class Refused extends Error {}

function ns(peer: string, id: string): string {
  const out = foreignId(peer, id);
  if (out === undefined) throw new Refused(`id "${id}" is too long with the prefix "${peer}:"`);
  return out;
}

/** One event of the peer's log as an event of ours (before seq and received are stamped). */
export function foreignEvent(peer: string, e: LageEvent): NewEvent {
  const by = `${FOREIGN_BY_PREFIX}${peer}`;
  const base = { time: e.time, by };
  switch (e.type) {
    case 'unit.registered':
      // A peer never shares what it got from another: a unit with an origin is refused, not relayed.
      if (e.unit.origin !== undefined) throw new Refused(`unit ${e.unit.id} is itself from ${e.unit.origin}`);
      return { ...base, type: e.type, unit: { ...e.unit, id: ns(peer, e.unit.id), origin: peer } };
    case 'incident.opened':
      if (e.incident.origin !== undefined)
        throw new Refused(`incident ${e.incident.id} is itself from ${e.incident.origin}`);
      return {
        ...base,
        type: e.type,
        incident: { ...e.incident, id: ns(peer, e.incident.id), origin: peer },
      };
    case 'unit.position': {
      const { seq: _s, received: _r, by: _b, ...rest } = e;
      return { ...rest, ...base, unitId: ns(peer, e.unitId) };
    }
    case 'unit.status': {
      const { seq: _s, received: _r, by: _b, incidentId, ...rest } = e;
      return {
        ...rest,
        ...base,
        unitId: ns(peer, e.unitId),
        ...(incidentId === undefined ? {} : { incidentId: ns(peer, incidentId) }),
      };
    }
    case 'unit.acknowledged':
    case 'unit.emergencyAcknowledged':
      return { ...base, type: e.type, unitId: ns(peer, e.unitId) };
    case 'incident.updated':
      return { ...base, type: e.type, incidentId: ns(peer, e.incidentId), patch: e.patch };
    case 'incident.assigned':
      return { ...base, type: e.type, incidentId: ns(peer, e.incidentId), unitId: ns(peer, e.unitId) };
    case 'incident.closed':
      return { ...base, type: e.type, incidentId: ns(peer, e.incidentId) };
    case 'incident.note':
      return { ...base, type: e.type, incidentId: ns(peer, e.incidentId), text: e.text };
  }
}

/** Each event translated; the ones that cannot be are left out and named (never the whole batch). */
function translate(peer: string, events: readonly LageEvent[]): { events: NewEvent[]; refused: string[] } {
  const out: NewEvent[] = [];
  const refused: string[] = [];
  for (const e of events) {
    try {
      const mine = foreignEvent(peer, e);
      // What we store must pass the log's own schema (ids, lengths) like every other input.
      const check = lageEventSchema.safeParse({ ...mine, seq: 0, received: mine.time });
      if (check.success) out.push(mine);
      else refused.push(`seq ${e.seq}: ${describeIssues(check.error).join('; ')}`);
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      refused.push(`seq ${e.seq}: ${err.message}`);
    }
  }
  return { events: out, refused };
}

/** A `batch` message of the peer's /live (validated as dashboards validate it). */
export function fromBatch(peer: string, raw: unknown): Translated {
  const parsed = batchSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, error: `not a valid batch: ${describeIssues(parsed.error).slice(0, 3).join('; ')}` };
  const { from, to, events } = parsed.data;
  if (to < from - 1) return { ok: false, error: `not a valid batch: to ${to} before from ${from}` };
  if (events.some((e) => e.seq < from || e.seq > to))
    return { ok: false, error: `not a valid batch: an event outside ${from}..${to}` };
  return { ok: true, from, to, ...translate(peer, events) };
}

/** A `snapshot` message: the peer's picture as events that build the same entities here. */
export function fromSnapshot(peer: string, raw: unknown): Translated {
  const parsed = snapshotMessageSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: `not a valid snapshot: ${describeIssues(parsed.error).slice(0, 3).join('; ')}`,
    };
  const { picture } = parsed.data;
  return { ok: true, from: 1, to: picture.seq, ...translate(peer, pictureEvents(picture)) };
}

/**
 * The events that rebuild a peer's picture: incidents, then units with their binding and status.
 * They carry the peer's seq only for error messages (ours are stamped on commit).
 */
export function pictureEvents(p: Picture): LageEvent[] {
  const seq = p.seq;
  const stamp = (time: number) => ({ seq, time, received: time });
  const out: LageEvent[] = [];
  for (const i of Object.values(p.incidents)) {
    const { state, times, units: _u, notes, ...rest } = i;
    out.push({
      ...stamp(times.opened),
      type: 'incident.opened',
      incident: { ...rest, number: i.number || i.id },
    });
    for (const n of notes)
      out.push({ ...stamp(n.time), type: 'incident.note', incidentId: i.id, text: n.text });
    if (state !== 'neu' && state !== 'abgeschlossen')
      out.push({
        ...stamp(times.dispatched ?? times.opened),
        type: 'incident.updated',
        incidentId: i.id,
        patch: { state },
      });
  }
  for (const u of Object.values(p.units)) {
    const { id, callsign, kind, district, status, origin } = u;
    out.push({
      ...stamp(u.statusSince),
      type: 'unit.registered',
      unit: { id, callsign, kind, district, status, ...(origin === undefined ? {} : { origin }) },
    });
    if (u.position) {
      const { time, ...fix } = u.position;
      out.push({ ...stamp(time), type: 'unit.position', unitId: id, ...fix });
    }
    if (u.incidentId !== undefined) {
      out.push({ ...stamp(u.statusSince), type: 'incident.assigned', incidentId: u.incidentId, unitId: id });
      if (status !== 3)
        out.push({
          ...stamp(u.statusSince),
          type: 'unit.status',
          unitId: id,
          status,
          incidentId: u.incidentId,
        });
    }
  }
  for (const i of Object.values(p.incidents))
    if (i.state === 'abgeschlossen')
      out.push({ ...stamp(i.times.closed ?? i.times.opened), type: 'incident.closed', incidentId: i.id });
  return out;
}
