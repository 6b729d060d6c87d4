/**
 * Recent positions per unit for the trail layer, kept outside the reducer's picture (trails are a
 * view concern, not part of the log's meaning). Thinned to one point per MIN_STEP_MS and cut to
 * WINDOW_MS, so 5,000 units stay around 150k points.
 */
export const TRAIL_WINDOW_MS = 5 * 60_000;
const MIN_STEP_MS = 10_000;

export interface TrailPoint {
  lon: number;
  lat: number;
  time: number;
}

export class Trails {
  private readonly byUnit = new Map<string, TrailPoint[]>();
  private dirty = new Set<string>();

  add(unitId: string, lon: number, lat: number, time: number): void {
    let points = this.byUnit.get(unitId);
    if (!points) this.byUnit.set(unitId, (points = []));
    const last = points[points.length - 1];
    if (last && time < last.time) return;
    // The last point is the moving head until it is a full step past the one before: until then it
    // is replaced, so the trail always ends at the unit's latest fix.
    const beforeLast = points[points.length - 2];
    if (last && beforeLast && last.time - beforeLast.time < MIN_STEP_MS)
      points[points.length - 1] = { lon, lat, time };
    else points.push({ lon, lat, time });
    const cutoff = time - TRAIL_WINDOW_MS;
    let drop = 0;
    while (drop < points.length - 1 && (points[drop]?.time ?? 0) < cutoff) drop++;
    if (drop > 0) points.splice(0, drop);
    this.dirty.add(unitId);
  }

  /** Units whose trail changed since the last call (the trail layer patches only those). */
  takeDirty(): Set<string> {
    const d = this.dirty;
    this.dirty = new Set();
    return d;
  }

  get(unitId: string): readonly TrailPoint[] {
    return this.byUnit.get(unitId) ?? [];
  }

  unitIds(): IterableIterator<string> {
    return this.byUnit.keys();
  }

  clear(): void {
    this.byUnit.clear();
    this.dirty.clear();
  }
}

export const trails = new Trails();
