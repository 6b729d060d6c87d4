/**
 * Availability over the last 24 h: the server's series from the log (every AVAILABILITY_STEP_S),
 * asked when the panel opens and every AVAILABILITY_REFRESH_MS, continued by this dashboard's own
 * once-a-minute samples, so a dashboard opened a minute ago shows the whole day.
 */
import { useEffect, useState } from 'react';
import { fetchAvailability } from '../../connection/incidentApi.ts';
import type { AvailabilitySample } from '../../stores/historyStore.ts';
import { serverNow } from '../../stores/connectionStore.ts';
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

export function useServerAvailability(): readonly AvailabilitySample[] {
  const [samples, setSamples] = useState<readonly AvailabilitySample[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    const load = () => {
      const now = serverNow();
      fetchAvailability(now - 24 * HOUR_MS, now, AVAILABILITY_STEP_S, abort.signal).then(
        (a) => setSamples(a.samples),
        () => {
          // Keep what we have; the dashboard's own samples go on regardless.
        },
      );
    };
    load();
    const timer = setInterval(load, AVAILABILITY_REFRESH_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, []);
  return samples;
}
