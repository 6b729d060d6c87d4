import { useEffect, useState } from 'react';
import { serverNow, useConnection } from '../stores/connectionStore.ts';

/**
 * The server's clock as best we know it, re-read every `everyMs`: timers and ages tick from local
 * state, with no store update needed. While the server is lost the clock stands at the time the
 * picture is from (`frozenAt`), at once; when it ends they run on from the next tick.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  const frozenAt = useConnection((s) => s.frozenAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return frozenAt ?? now;
}
