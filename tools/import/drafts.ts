/**
 * Events built from rows before they get sequence numbers. A draft remembers the row it came from
 * and its place within the row, so events can be sorted by time and, at equal times, by file order.
 */
import { describeIssues, lageEventSchema, type LageEvent, type NewEvent } from '#shared/schemas';
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
  const parsed = lageEventSchema.safeParse({ seq: 0, ...event, received, by: IMPORT_BY });
  if (!parsed.success) throw new RowError(`${event.type} event: ${describeIssues(parsed.error).join('; ')}`);
  return { time: parsed.data.time, line, sub, event: parsed.data };
}
