/**
 * Where a replay window goes and what it shows: pure (no Electron), so the IPC round trip and the
 * window tests share it.
 */
import { replayOpenSchema, type ReplayOpen } from '#shared/ipc';

const SIZE = { width: 1440, height: 900 };
export const MIN = { width: 960, height: 600 };
/** A new window sits this far right/down of the one that asked, so it is seen as new. */
const CASCADE = 32;

/** The replay route for the parameters (checked against the IPC schema; a bad one throws). */
export function replayUrl(origin: string, params: ReplayOpen): string {
  const p = replayOpenSchema.parse(params);
  const q = new URLSearchParams({ mode: 'replay' });
  if (p.dataset && p.dataset !== 'live') q.set('dataset', p.dataset);
  for (const key of ['from', 'to', 't', 'speed'] as const) {
    const v = p[key];
    if (v !== undefined) q.set(key, String(v));
  }
  if (p.incident) q.set('incident', p.incident);
  return `${origin}/?${q.toString()}`;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a new replay window goes: cascaded from the asking window, at most its size. */
export function replayBounds(near: Rect | null): Partial<Rect> & { width: number; height: number } {
  if (!near) return { ...SIZE };
  return {
    x: near.x + CASCADE,
    y: near.y + CASCADE,
    width: Math.max(MIN.width, Math.min(SIZE.width, near.width)),
    height: Math.max(MIN.height, Math.min(SIZE.height, near.height)),
  };
}
