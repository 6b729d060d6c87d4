import { useEffect, useState } from 'react';

/** The local clock, re-read every `everyMs`: the wall's ages, staleness and cycling tick from it. */
export function useTick(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
