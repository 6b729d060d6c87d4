/**
 * Every incident opened in a period, for the replay timeline's markers. The picture keeps a closed
 * incident only 12 h (CLOSED_INCIDENT_RETENTION_MS), so the picture at the end of a longer period
 * misses incidents closed early in it. Here the picture at the start is folded forward with the
 * shared reducer over the period's events (positions left out: they never change an incident), and
 * each incident is kept as it was when its last event was folded, before any pruning drops it.
 */
import { foldInto } from '#shared/reducer';
import type { Incident } from '#shared/domain';
import type { LageEvent } from '#shared/schemas';
import { incidentOfEvent } from '#shared/redact';
import { pictureAt, pictureAtSeq, seqAt, type ReplaySource } from './query.ts';

/** What a marker on the timeline shows of an incident. */
export interface IncidentMarker {
  id: string;
  number: string;
  type: Incident['type'];
  priority: Incident['priority'];
  /** Call time (event time of its opening). */
  opened: number;
  /**
   * When it entered the picture on the source's replay clock: the live log's receive time of its
   * opening, which lies after the call time when the call was entered late or its CAD connected
   * mid-shift; an imported dataset's event time. The timeline places and seeks the marker here.
   */
  at: number;
  closed?: number;
}

/** The incident an event names, if any (incident events; a status change names its own in export.ts). */
export function incidentOf(e: LageEvent): string | undefined {
  return e.type === 'unit.status' ? undefined : incidentOfEvent(e);
}

/** An incident of a period and when it entered the picture on the replay clock. */
export interface OpenedIncident {
  incident: Incident;
  at: number;
}

/**
 * The incidents that entered the picture in [from, to] on the source's replay clock (their
 * `incident.opened` lies there) and that the log held at `to`, each as it was at `to` or, if the
 * picture had dropped it by then, as it was after its last event. An incident already in the
 * picture at `from` counts when its call time lies in the period (its `at` is then the call time).
 * Ordered by `at`, then id.
 */
export function incidentsOpenedIn(src: ReplaySource, from: number, to: number): OpenedIncident[] {
  const picture = pictureAt(src, from);
  const last = seqAt(src, to);
  const seen = new Map<string, Incident>(Object.entries(picture.incidents));
  const entered = new Map<string, number>();
  if (last > picture.seq) {
    const rows = src.db
      .prepare(
        `SELECT data, ${src.clock} AS t FROM events
         WHERE type <> 'unit.position' AND seq > ? AND seq <= ? ORDER BY seq`,
      )
      .iterate(picture.seq, last) as IterableIterator<{ data: string; t: number }>;
    for (const row of rows) {
      const e = JSON.parse(row.data) as LageEvent;
      foldInto(picture, [e]);
      const id = incidentOf(e);
      const incident = id === undefined ? undefined : picture.incidents[id];
      if (!incident) continue;
      seen.set(incident.id, incident);
      if (e.type === 'incident.opened' && !entered.has(incident.id)) entered.set(incident.id, row.t);
    }
  }
  const out: OpenedIncident[] = [];
  for (const [id, kept] of seen) {
    const incident = picture.incidents[id] ?? kept;
    const at = entered.get(id);
    if (at !== undefined) out.push({ incident, at: Math.min(Math.max(at, from), to) });
    else if (incident.times.opened >= from && incident.times.opened <= to)
      out.push({ incident, at: incident.times.opened });
  }
  return out.sort((a, b) => a.at - b.at || a.incident.id.localeCompare(b.incident.id));
}

export function markerOf({ incident: i, at }: OpenedIncident): IncidentMarker {
  return {
    id: i.id,
    number: i.number,
    type: i.type,
    priority: i.priority,
    opened: i.times.opened,
    at,
    ...(i.times.closed !== undefined ? { closed: i.times.closed } : {}),
  };
}

/** An incident found by id or number, as it was after its last event, and its period on the replay clock. */
export interface FoundIncident {
  incident: Incident;
  /** Replay clock of its `incident.opened` and of its closure (or of the end of the log while open). */
  from: number;
  to: number;
}

/**
 * "Replay incident N" without a period: the incident with this id or, when no incident has that id,
 * the latest one with this number, wherever it lies in the log. The picture at its opening is
 * folded forward over the non-position events up to its closure, so an incident closed long before
 * the end of the data (which the picture there has dropped) is found as well.
 */
export function findIncidentInLog(src: ReplaySource, key: string): FoundIncident | undefined {
  const byId = src.db
    .prepare(
      `SELECT MIN(i.seq) AS seq FROM incident_index i JOIN events e ON e.seq = i.seq
       WHERE e.data->>'$.incident.id' = ?`,
    )
    .get(key) as { seq: number | null };
  const byNumber = () =>
    src.db
      .prepare(
        `SELECT MAX(i.seq) AS seq FROM incident_index i JOIN events e ON e.seq = i.seq
         WHERE e.data->>'$.incident.number' = ?`,
      )
      .get(key) as { seq: number | null };
  const openedSeq = byId.seq ?? byNumber().seq;
  if (openedSeq === null) return undefined;
  const clock = src.clock;
  const opened = src.db.prepare(`SELECT data, ${clock} AS t FROM events WHERE seq = ?`).get(openedSeq) as {
    data: string;
    t: number;
  };
  const openedEvent = JSON.parse(opened.data) as LageEvent;
  if (openedEvent.type !== 'incident.opened') return undefined;
  const id = openedEvent.incident.id;
  const closed = src.db
    .prepare(
      `SELECT seq, ${clock} AS t FROM events
       WHERE type <> 'unit.position' AND type = 'incident.closed' AND seq > ? AND data->>'$.incidentId' = ?
       ORDER BY seq LIMIT 1`,
    )
    .get(openedSeq, id) as { seq: number; t: number } | undefined;
  const lastSeq = closed?.seq ?? src.log.lastSeq;
  const picture = pictureAtSeq(src, openedSeq);
  let incident = picture.incidents[id];
  const rows = src.db
    .prepare(`SELECT data FROM events WHERE type <> 'unit.position' AND seq > ? AND seq <= ? ORDER BY seq`)
    .iterate(openedSeq, lastSeq) as IterableIterator<{ data: string }>;
  for (const row of rows) {
    foldInto(picture, [JSON.parse(row.data) as LageEvent]);
    incident = picture.incidents[id] ?? incident;
  }
  if (!incident) return undefined;
  const end = closed
    ? closed.t
    : ((
        src.db.prepare(`SELECT ${clock} AS t FROM events WHERE seq = ?`).get(lastSeq) as
          { t: number } | undefined
      )?.t ?? opened.t);
  return { incident, from: opened.t, to: Math.max(end, opened.t) };
}
