/**
 * Units at one spot (a station at shift start, several cars at one scene) are spread around it on the
 * screen instead of hiding under each other: each takes a slot in a block of cells around the spot,
 * the first one on the spot itself. A slot is kept while the unit stays at the spot, so nobody jumps
 * when another unit arrives or leaves; only the unit that came or went changes. The spread is drawn
 * (icon-offset in pixels), the position itself is never changed: trails, fits, distances and the
 * details panel keep the reported place.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

/** Cell of a spot: about 33 m north-south and 21 m east-west in NRW, within one station's yard. */
export const SPOT_DEG = 0.0003;
/** One slot's step in icon pixels (multiplied by icon-size): a tactical sign is about 44 × 30. */
const CELL_X = 48;
const CELL_Y = 34;

/** The cells of a 5 × 5 block, nearest the middle first (slot 0 is the spot itself). */
export const SLOTS: readonly (readonly [number, number])[] = (() => {
  const cells: [number, number][] = [];
  for (let y = -2; y <= 2; y++) for (let x = -2; x <= 2; x++) cells.push([x, y]);
  const d = ([x, y]: [number, number]) => Math.hypot(x * CELL_X, y * CELL_Y);
  // Stable order: by distance, then above before below, right before left.
  return cells
    .sort((a, b) => d(a) - d(b) || a[1] - b[1] || b[0] - a[0])
    .map(([x, y]) => [x * CELL_X, y * CELL_Y] as const);
})();

/** The drawn offset of a slot; beyond the block, slots wrap onto the ring again. */
export function slotOffset(slot: number): readonly [number, number] {
  if (!Number.isInteger(slot) || slot <= 0) return [0, 0];
  return SLOTS[((slot - 1) % (SLOTS.length - 1)) + 1] ?? [0, 0];
}

/** `icon-offset` for the units layers: the feature's `slot` property to its offset. */
export const SLOT_OFFSET: ExpressionSpecification = [
  'match',
  ['get', 'slot'],
  ...SLOTS.slice(1).flatMap((o, i): [number, ExpressionSpecification] => [i + 1, ['literal', [o[0], o[1]]]]),
  ['literal', [0, 0]],
] as unknown as ExpressionSpecification;

const spotKey = (lon: number, lat: number): string =>
  `${Math.round(lon / SPOT_DEG)}:${Math.round(lat / SPOT_DEG)}`;

export class UnitSpots {
  private placed = new Map<string, { key: string; slot: number }>();
  private taken = new Map<string, Set<number>>();

  /** The unit is at lon/lat: its slot at that spot (kept while it stays there). */
  place(id: string, lon: number, lat: number): number {
    const key = spotKey(lon, lat);
    const now = this.placed.get(id);
    if (now?.key === key) return now.slot;
    if (now) this.leave(id);
    let slots = this.taken.get(key);
    if (!slots) this.taken.set(key, (slots = new Set()));
    let slot = 0;
    while (slots.has(slot)) slot++;
    slots.add(slot);
    this.placed.set(id, { key, slot });
    return slot;
  }

  /** The unit left the map (no position, gone from the picture). */
  leave(id: string): void {
    const now = this.placed.get(id);
    if (!now) return;
    this.placed.delete(id);
    const slots = this.taken.get(now.key);
    slots?.delete(now.slot);
    if (slots?.size === 0) this.taken.delete(now.key);
  }

  clear(): void {
    this.placed.clear();
    this.taken.clear();
  }
}
