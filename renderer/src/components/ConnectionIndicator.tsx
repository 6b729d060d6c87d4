/**
 * Always visible: is the picture live, being re-established, or how old is it. The lag ticks once a
 * second from local state; no store update is needed for the clock to move.
 */
import { useEffect, useState } from 'react';
import { connectionStore, lagMs, useConnection, type ConnectionState } from '../stores/connectionStore.ts';
import { useI18n, type I18n } from '../i18n/i18n.ts';

/** Above this lag a live connection still shows how old the data is (quiet server or stalled feed). */
export const LIVE_LAG_LIMIT_MS = 5_000;

export function indicatorText(
  s: ConnectionState,
  now: number,
  i: I18n,
): { label: string; detail: string | null } {
  const lag = lagMs(s, now);
  const asOf =
    s.lastServerNow === null || lag === null
      ? null
      : `${i.t('connection.asOf', { time: i.time(s.lastServerNow) })} (${i.t('connection.lag', { age: i.duration(lag) })})`;
  switch (s.presence) {
    case 'live':
      return { label: i.t('connection.live'), detail: lag !== null && lag > LIVE_LAG_LIMIT_MS ? asOf : null };
    case 'reconnecting':
      return { label: i.t('connection.reconnecting'), detail: asOf };
    case 'connecting':
    case 'buffering':
      return { label: i.t('connection.connecting'), detail: asOf };
    case 'error':
      return { label: i.t('connection.error'), detail: asOf ?? s.error };
  }
}

export function ConnectionIndicator() {
  const i = useI18n();
  // Subscribing to presence only: data arrives ten times a second and must not re-render React.
  // The freshness fields are read on the one-second tick instead.
  useConnection((s) => s.presence);
  useConnection((s) => s.error);
  const [now, setNow] = useState(() => Date.now());
  const state = connectionStore.getState();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const { label, detail } = indicatorText(state, now, i);
  return (
    <div
      className={`connection-indicator state-${state.presence}`}
      data-testid="connection-indicator"
      data-state={state.presence}
      role="status"
      aria-live="polite"
      title={i.t('connection.title', { url: state.serverUrl })}
    >
      <span className="dot" aria-hidden="true" />
      <span className="label">{label}</span>
      {detail && <span className="detail">{detail}</span>}
    </div>
  );
}
