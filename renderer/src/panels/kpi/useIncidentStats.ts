/**
 * Incident counts per hour and type for the last 24 clock hours from the server's log (the picture
 * drops closed incidents after 12 h). Asked again every STATS_REFRESH_MS as the window slides and,
 * at most every STATS_MIN_GAP_MS, when the picture holds a different number of incidents.
 */
import { useEffect, useRef, useState } from 'react';
import { fetchIncidentStats, type IncidentStats } from '../../connection/incidentApi.ts';
import { dayWindow, HOUR_MS } from '../../charts/kpi.ts';

export const STATS_REFRESH_MS = 60_000;
export const STATS_MIN_GAP_MS = 5_000;

export function useIncidentStats(now: number, incidentCount: number): IncidentStats | null {
  const [stats, setStats] = useState<IncidentStats | null>(null);
  const last = useRef({ at: -Infinity, count: -1, hour: -1 });
  const pending = useRef<AbortController | null>(null);
  const hour = Math.floor(now / HOUR_MS);
  useEffect(() => () => pending.current?.abort(), []);
  useEffect(() => {
    const l = last.current;
    const due =
      now < l.at || // the replay's clock can go back
      now - l.at >= STATS_REFRESH_MS ||
      hour !== l.hour ||
      (incidentCount !== l.count && now - l.at >= STATS_MIN_GAP_MS);
    if (!due) return;
    last.current = { at: now, count: incidentCount, hour };
    const { from, to } = dayWindow(now);
    pending.current?.abort();
    const abort = (pending.current = new AbortController());
    // Never past `now`: in replay `now` is the playhead and the log already holds what came later.
    fetchIncidentStats(from, Math.min(to, Math.ceil(now) + 1), abort.signal).then(setStats, () => {
      // Keep the last answer (or none: the charts then count the picture alone).
    });
  }, [now, hour, incidentCount]);
  // An answer for another day window (before the hour turned) is merged bucket by bucket anyway.
  return stats;
}
