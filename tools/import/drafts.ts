/**
 * Events built from rows before they get sequence numbers. A draft remembers the row it came from
 * and its place within the row, so events can be sorted by time and, at equal times, by file order.
 */
import { describeIssues, lageEventSchema, type LageEvent, type NewEvent } from '#shared/schemas';
import { RowError } from './cells.ts';
import { IMPORT_BY, plainEvent } from './plainEvents.ts';

export interface Draft {
  time: number;
  line: number;
  /** Order among the events of one row (a registration goes before the unit's first fix). */
  sub: number;
  event: LageEvent;
}

/** Checks the event with the shared schema (seq is a placeholder until the log is sorted). */
export function toDraft(line: number, sub: number, event: NewEvent, received: number): Draft {
  // Status changes, closings and openings are nearly all of an import's events: checked by hand
  // (plainEvents.ts, the same rules as the schema), the full parse is several times slower.
  const plain = plainEvent(event, received);
  if (plain) return { time: plain.time, line, sub, event: plain };
  const parsed = lageEventSchema.safeParse({ seq: 0, ...event, received, by: IMPORT_BY });
  if (!parsed.success) throw new RowError(`${event.type} event: ${describeIssues(parsed.error).join('; ')}`);
  return { time: parsed.data.time, line, sub, event: parsed.data };
}
