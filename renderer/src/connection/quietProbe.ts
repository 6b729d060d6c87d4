/**
 * Batches come only when something happens, so a quiet but healthy server would look stale. While
 * the wall hears nothing, it asks `/api/v1/health` (status and seq only, nothing personal) whether
 * the server holds anything newer; if not, the picture is confirmed current.
 */
import { useEffect } from 'react';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { connectionStore } from '../stores/connectionStore.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { PROBE_AFTER_MS, probeConfirms } from './staleness.ts';

/** Often, so a probe starts soon after PROBE_AFTER_MS; the route is a seq lookup and nothing else. */
const CHECK_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 3_000;

export const probeStore = createStore<{ confirmedAt: number | null }>()(() => ({ confirmedAt: null }));
export const useConfirmedAt = (): number | null => useStore(probeStore, (s) => s.confirmedAt);

export function useQuietProbe(): void {
  useEffect(() => {
    let inFlight = false;
    const check = async () => {
      const { presence, lastDataAt, serverUrl } = connectionStore.getState();
      const { loaded, picture } = pictureStore.getState();
      const last = Math.max(lastDataAt ?? 0, probeStore.getState().confirmedAt ?? 0);
      if (inFlight || presence !== 'live' || !loaded || !serverUrl || Date.now() - last < PROBE_AFTER_MS)
        return;
      inFlight = true;
      const heldSeq = picture.seq;
      try {
        const res = await fetch(new URL('/api/v1/health', serverUrl), {
          cache: 'no-store',
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        const body = res.ok ? ((await res.json()) as { seq?: unknown }) : {};
        if (probeConfirms(body.seq, heldSeq)) probeStore.setState({ confirmedAt: Date.now() });
      } catch {
        // No answer confirms nothing: the silence rule marks the wall stale.
      } finally {
        inFlight = false;
      }
    };
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    // Back after a reconnect with nothing missed, the server sends nothing: ask at once.
    const stop = connectionStore.subscribe((s, prev) => {
      if (s.presence === 'live' && prev.presence !== 'live') void check();
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, []);
}
