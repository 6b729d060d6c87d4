/**
 * What has to change between the wall windows that are open and the walls a new plan wants:
 * which to close, open, move to new bounds or point at another layout. Pure, so the reaction to a
 * display being added, removed or rearranged is tested without Electron.
 */
import type { WallPlacement } from './wall-assignment.ts';

export interface WallDiff {
  close: number[];
  open: WallPlacement[];
  /** Same display, new layout or cycle: load the new URL in the existing window. */
  relayout: WallPlacement[];
  /** Same display and layout, the display's bounds changed (resolution, arrangement). */
  move: WallPlacement[];
}

const sameBounds = (a: WallPlacement, b: WallPlacement): boolean =>
  a.bounds.x === b.bounds.x &&
  a.bounds.y === b.bounds.y &&
  a.bounds.width === b.bounds.width &&
  a.bounds.height === b.bounds.height;

export function diffWalls(open: readonly WallPlacement[], wanted: readonly WallPlacement[]): WallDiff {
  const wantedById = new Map(wanted.map((w) => [w.displayId, w]));
  const openIds = new Set(open.map((w) => w.displayId));
  const diff: WallDiff = { close: [], open: [], relayout: [], move: [] };
  for (const current of open) {
    const next = wantedById.get(current.displayId);
    if (!next) diff.close.push(current.displayId);
    else {
      if (next.layout !== current.layout || (next.cycle ?? null) !== (current.cycle ?? null))
        diff.relayout.push(next);
      if (!sameBounds(current, next)) diff.move.push(next);
    }
  }
  for (const next of wanted) if (!openIds.has(next.displayId)) diff.open.push(next);
  return diff;
}

export const isEmptyDiff = (d: WallDiff): boolean =>
  d.close.length + d.open.length + d.relayout.length + d.move.length === 0;
