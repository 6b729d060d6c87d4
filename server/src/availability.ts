/**
 * Availability over time from the log: the fleet's FMS categories (available, committed, request,
 * emergency, unavailable, custom) at regular instants of a window, so a dashboard opened a minute
 * ago still shows the whole day. The picture at the window's start comes from the nearest snapshot;
 * after that only status-bearing events are folded (positions never change a category).
 */
import { foldInto } from '#shared/reducer';
import { fleetCounts, type FleetCounts } from '#shared/domain';
import type { Picture } from '#shared/picture';
import { unitInView, type ViewPolicy } from '#shared/redact';
import type { LageEvent } from '#shared/schemas';
import { pictureAt, type ReplaySource } from './replay/query.ts';

export type AvailabilitySample = FleetCounts & { time: number };

/** At most this many instants per request. */
export const MAX_SAMPLES = 2_000;

/** The units the viewer sees (a district-limited viewer: those of its districts), by category. */
function sample(p: Picture, time: number, policy: ViewPolicy): AvailabilitySample {
  return { time, ...fleetCounts(Object.values(p.units).filter((u) => unitInView(policy, u.district))) };
}

/**
 * The categories at from, from + step, … (< to), on the log's replay clock: for the live log the
 * server's receive time (what the dashboards showed at that instant), for an imported dataset its
 * event time.
 */
export function availabilitySeries(
  src: Omit<ReplaySource, 'clock'> & { clock?: ReplaySource['clock'] },
  from: number,
  to: number,
  stepMs: number,
  policy: ViewPolicy,
): AvailabilitySample[] {
  const clock = src.clock ?? 'received';
  const picture = pictureAt({ ...src, clock }, from);
  const rows = src.db
    .prepare(`SELECT data FROM events WHERE type <> 'unit.position' AND seq > ? ORDER BY seq`)
    .iterate(picture.seq) as IterableIterator<{ data: string }>;
  const out: AvailabilitySample[] = [];
  let next = from;
  for (const row of rows) {
    const e = JSON.parse(row.data) as LageEvent;
    while (next < to && e[clock] > next) {
      out.push(sample(picture, next, policy));
      next += stepMs;
    }
    if (next >= to) break;
    foldInto(picture, [e]);
  }
  for (; next < to; next += stepMs) out.push(sample(picture, next, policy));
  return out;
}
