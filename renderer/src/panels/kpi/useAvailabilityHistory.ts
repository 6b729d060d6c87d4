/**
 * Availability over the last 24 h: the server's series from the log (every AVAILABILITY_STEP_S),
 * asked when the panel opens and every AVAILABILITY_REFRESH_MS, continued by this dashboard's own
 * once-a-minute samples, so a dashboard opened a minute ago shows the whole day. In the replay view
 * `now` is the playhead: the series is the 24 h before it (of the replayed data), asked again when
 * the playhead has moved on by AVAILABILITY_REFRESH_MS or jumped back.
 */
import { useEffect, useRef, useState } from 'react';
import { fetchAvailability } from '../../connection/incidentApi.ts';
import type { AvailabilitySample } from '../../stores/historyStore.ts';
import { HOUR_MS } from '../../charts/kpi.ts';

export const AVAILABILITY_STEP_S = 300;
export const AVAILABILITY_REFRESH_MS = 5 * 60_000;

/**
 * Server samples before the first local one, then the local ones; instants before the log knew
 * any unit (a server started this morning) are left out rather than drawn as an empty fleet.
 */
export function joinAvailability(
  server: readonly AvailabilitySample[],
  local: readonly AvailabilitySample[],
): AvailabilitySample[] {
  const firstLocal = local[0]?.time ?? Infinity;
  const firstKnown = server.findIndex((s) => s.total > 0);
  const known = firstKnown < 0 ? [] : server.slice(firstKnown);
  return [...known.filter((s) => s.time < firstLocal), ...local];
}

/** The server's series for the 24 h before `now` (the server's clock; in replay the playhead). */
export function useServerAvailability(now: number): readonly AvailabilitySample[] {
  const [samples, setSamples] = useState<readonly AvailabilitySample[]>([]);
  const last = useRef(-Infinity);
  const pending = useRef<AbortController | null>(null);
  useEffect(() => () => pending.current?.abort(), []);
  useEffect(() => {
    // The replay's clock can go back; live it only moves on.
    if (now >= last.current && now - last.current < AVAILABILITY_REFRESH_MS) return;
    last.current = now;
    const to = Math.floor(now);
    pending.current?.abort();
    const abort = (pending.current = new AbortController());
    fetchAvailability(to - 24 * HOUR_MS, to, AVAILABILITY_STEP_S, abort.signal).then(
      (a) => setSamples(a.samples),
      () => {
        // Keep what we have; the dashboard's own samples go on regardless.
      },
    );
  }, [now]);
  return samples;
}
