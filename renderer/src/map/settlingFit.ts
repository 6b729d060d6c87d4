/**
 * The first view of a dashboard: fit everything once the first picture arrives, and keep fitting
 * while the picture settles. A dashboard opened while units are still sending their first fixes
 * would otherwise stay on the first unit at street zoom while the rest of the fleet reports
 * elsewhere. It refits (at most every REFIT_EVERY_MS) only when the picture no longer lies inside
 * the map's view (units moving inside it never move the map), and stops for good after SETTLE_MS or as soon as the operator moves the map or
 * follows a unit: their view always wins.
 */
import type { Bounds } from './features.ts';

export const SETTLE_MS = 20_000;
export const REFIT_EVERY_MS = 500;

/** Whether `inner` lies within `outer`. */
export const inside = (inner: Bounds, outer: Bounds): boolean =>
  inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

export class SettlingFit {
  private firstAt: number | undefined;
  private lastAt = -Infinity;
  private stopped = false;

  /** `fit` frames the bounds on the map (false when it could not); `view` is what the map shows now. */
  constructor(
    private readonly fit: (b: Bounds) => boolean,
    private readonly view: () => Bounds,
    private readonly now: () => number = Date.now,
  ) {}

  /** The operator took over (moved, zoomed, followed a unit): never fit on one's own again. */
  stop(): void {
    this.stopped = true;
  }

  /** The first fit has been made. */
  get started(): boolean {
    return this.firstAt !== undefined;
  }

  get done(): boolean {
    return this.stopped || (this.firstAt !== undefined && this.now() - this.firstAt > SETTLE_MS);
  }

  /** The picture changed; `bounds` of its positioned units and open incidents (null: nothing to show). */
  update(bounds: Bounds | null): void {
    if (!bounds || this.done) return;
    const now = this.now();
    if (this.firstAt !== undefined && inside(bounds, this.view())) return;
    if (now - this.lastAt < REFIT_EVERY_MS) return;
    if (!this.fit(bounds)) return;
    this.lastAt = now;
    this.firstAt ??= now;
  }
}
