/**
 * "Replay": in Electron a new replay window through the bridge (main opens it hardened like the
 * workstation); in a browser a new tab on the same route.
 */
import { BRIDGE_GLOBAL, type LagebildBridge, type ReplayOpen } from '#shared/ipc';

function bridgeOpen(): LagebildBridge['openReplay'] | null {
  const b = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] as
    Partial<LagebildBridge> | undefined;
  return b && typeof b.openReplay === 'function' ? b.openReplay : null;
}

/** The browser route of a replay (same parameters as the Electron window's). */
export function replayHref(params: ReplayOpen, base: string = location.pathname): string {
  const q = new URLSearchParams({ mode: 'replay' });
  if (params.dataset && params.dataset !== 'live') q.set('dataset', params.dataset);
  for (const key of ['from', 'to', 't', 'speed'] as const) {
    const v = params[key];
    if (v !== undefined) q.set(key, String(v));
  }
  if (params.incident) q.set('incident', params.incident);
  return `${base}?${q.toString()}`;
}

export async function openReplay(params: ReplayOpen): Promise<void> {
  const open = bridgeOpen();
  if (open) {
    await open(params);
    return;
  }
  window.open(replayHref(params), '_blank', 'noopener');
}
