/**
 * Events built from rows before they get sequence numbers. A draft remembers the row it came from
 * and its place within the row, so events can be sorted by time and, at equal times, by file order.
 */
import {
  describeIssues,
  ID_PATTERN,
  lageEventSchema,
  MAX_TIME,
  MIN_TIME,
  type LageEvent,
  type NewEvent,
} from '#shared/schemas';
import { RowError } from './cells.ts';

export interface Draft {
  time: number;
  line: number;
  /** Order among the events of one row (a registration goes before the unit's first fix). */
  sub: number;
  event: LageEvent;
}

/** Who caused imported events, in the events' "by" field. */
export const IMPORT_BY = 'import';

/** Checks the event with the shared schema (seq is a placeholder until the log is sorted). */
export function toDraft(line: number, sub: number, event: NewEvent, received: number): Draft {
  // Status changes and closings are most of an import's events and have only ids, a time and a
  // status: checked by hand (the same rules as the schema), the full parse is several times slower.
  if (event.type === 'unit.status' || event.type === 'incident.closed') {
    const plain = plainEvent(event, received);
    if (plain) return { time: plain.time, line, sub, event: plain };
  }
  const parsed = lageEventSchema.safeParse({ seq: 0, ...event, received, by: IMPORT_BY });
  if (!parsed.success) throw new RowError(`${event.type} event: ${describeIssues(parsed.error).join('; ')}`);
  return { time: parsed.data.time, line, sub, event: parsed.data };
}

const isId = (v: unknown) => typeof v === 'string' && ID_PATTERN.test(v);

/** The event stamped as the schema would, or undefined when a field is off (the schema then says why). */
function plainEvent(
  e: NewEvent & { type: 'unit.status' | 'incident.closed' },
  received: number,
): LageEvent | undefined {
  const timeOk = (t: number) => Number.isSafeInteger(t) && t >= MIN_TIME && t <= MAX_TIME;
  if (!timeOk(e.time) || !timeOk(received) || e.by !== undefined) return undefined;
  if (e.type === 'incident.closed') {
    if (!isId(e.incidentId) || Object.keys(e).length !== 3) return undefined;
    return { seq: 0, type: e.type, time: e.time, received, by: IMPORT_BY, incidentId: e.incidentId };
  }
  const ok =
    isId(e.unitId) &&
    Number.isInteger(e.status) &&
    e.status >= 0 &&
    e.status <= 9 &&
    (e.incidentId === undefined || isId(e.incidentId)) &&
    Object.keys(e).length === (Object.hasOwn(e, 'incidentId') ? 5 : 4);
  if (!ok) return undefined;
  const out = {
    seq: 0,
    type: e.type,
    time: e.time,
    received,
    by: IMPORT_BY,
    unitId: e.unitId,
    status: e.status,
  };
  return e.incidentId === undefined ? out : { ...out, incidentId: e.incidentId };
}
