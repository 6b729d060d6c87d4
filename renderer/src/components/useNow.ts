import { useEffect, useState } from 'react';
import { serverNow, useConnection } from '../stores/connectionStore.ts';

/**
 * The server's clock as best we know it, re-read every `everyMs`: timers and ages tick from local
 * state, with no store update needed. While the server is lost the clock stands at the time the
 * picture is from (`frozenAt`), at once, not at the next tick.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  const frozenAt = useConnection((s) => s.frozenAt);
  // When the freeze ends the timers catch up at once, not at the next tick.
  const [seenFrozen, setSeenFrozen] = useState(frozenAt);
  if (seenFrozen !== frozenAt) {
    setSeenFrozen(frozenAt);
    setNow(serverNow());
  }
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return frozenAt ?? now;
}
