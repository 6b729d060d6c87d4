/**
 * Events built from rows before they get sequence numbers. A draft remembers the row it came from
 * and its place within the row, so events can be sorted by time and, at equal times, by file order.
 */
import { describeIssues, lageEventSchema, type LageEvent, type NewEvent } from '#shared/schemas';
import { RowError } from './cells.ts';
import { IMPORT_BY, plainClosed, plainEvent, plainStatus } from './plainEvents.ts';

export interface Draft {
  time: number;
  line: number;
  /** Order among the events of one row (a registration goes before the unit's first fix). */
  sub: number;
  event: LageEvent;
  /**
   * Built by plainStatus or plainClosed (plainEvents.ts), whose keys and values are fixed: its stored
   * text can be written by plainJson instead of JSON.stringify.
   */
  plain?: boolean;
}

/** Checks the event with the shared schema (seq is a placeholder until the log is sorted). */
export function toDraft(line: number, sub: number, event: NewEvent, received: number): Draft {
  // Status changes, closings and openings are nearly all of an import's events: checked by hand
  // (plainEvents.ts, the same rules as the schema), the full parse is several times slower.
  const plain = plainEvent(event, received);
  if (plain) return { time: plain.time, line, sub, event: plain, plain: plain.type !== 'incident.opened' };
  const parsed = lageEventSchema.safeParse({ seq: 0, ...event, received, by: IMPORT_BY });
  if (!parsed.success) throw new RowError(`${event.type} event: ${describeIssues(parsed.error).join('; ')}`);
  return { time: parsed.data.time, line, sub, event: parsed.data };
}

/**
 * A status change as toDraft makes it from `{ type: 'unit.status', time, unitId, status, incidentId }`
 * (incidentId left out when undefined), without that object and its key count in between: an import
 * makes millions of these.
 */
export function statusDraft(
  line: number,
  sub: number,
  time: number,
  unitId: string,
  status: number,
  incidentId: string | undefined,
  received: number,
): Draft {
  const plain = plainStatus(time, received, unitId, status, incidentId);
  if (plain) return { time, line, sub, event: plain, plain: true };
  const e = { type: 'unit.status', time, unitId, status, incidentId } as NewEvent;
  if (incidentId === undefined) delete (e as { incidentId?: string }).incidentId;
  return toDraft(line, sub, e, received);
}

/** A closing as toDraft makes it from `{ type: 'incident.closed', time, incidentId }`, without that object. */
export function closedDraft(
  line: number,
  sub: number,
  time: number,
  incidentId: string,
  received: number,
): Draft {
  const plain = plainClosed(time, received, incidentId);
  if (plain) return { time, line, sub, event: plain, plain: true };
  return toDraft(line, sub, { type: 'incident.closed', time, incidentId }, received);
}
