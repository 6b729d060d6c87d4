import { useEffect, useState } from 'react';
import { serverNow } from '../stores/connectionStore.ts';

/**
 * The server's clock as best we know it, re-read every `everyMs`: timers and ages tick from local
 * state, with no store update needed.
 */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
