/**
 * The replay view's response times from the server's log (GET /api/v1/stats/response-times) for the
 * replayed period: the incidents called in the 24 clock hours up to the playhead, as the other KPI
 * charts. Outside the replay nothing is asked (the live tiles compute medians from the picture).
 * Asked again when the hour turns, after a seek back, and every RESPONSE_REFRESH_MS of replay time.
 */
import { useEffect, useRef, useState } from 'react';
import { fetchResponseTimes, type ResponseTimesAnswer } from '../../connection/incidentApi.ts';
import { dayWindow, HOUR_MS } from '../../charts/kpi.ts';
import { useReplaying } from '../../stores/sourceStore.ts';

export const RESPONSE_REFRESH_MS = 60_000;

export function useResponseTimes(now: number): ResponseTimesAnswer | null {
  const [answer, setAnswer] = useState<ResponseTimesAnswer | null>(null);
  const last = useRef({ at: -Infinity, hour: -1 });
  const pending = useRef<AbortController | null>(null);
  const replay = useReplaying();
  const hour = Math.floor(now / HOUR_MS);
  useEffect(() => () => pending.current?.abort(), []);
  useEffect(() => {
    if (!replay) return;
    const l = last.current;
    if (!(now < l.at || now - l.at >= RESPONSE_REFRESH_MS || hour !== l.hour)) return;
    last.current = { at: now, hour };
    const { from, to } = dayWindow(now);
    pending.current?.abort();
    const abort = (pending.current = new AbortController());
    // Never past the playhead: the log already holds what came later.
    fetchResponseTimes(from, Math.min(to, Math.ceil(now) + 1), abort.signal).then(setAnswer, () => {
      // Keep the last answer (or none: the tile then shows dashes).
    });
  }, [replay, now, hour]);
  return replay ? answer : null;
}
