/** Small geometry helpers for the builder: ring assembly, winding, bounding boxes and label points. */
export type Position = [number, number];
export type Ring = Position[];
export type BBox = [number, number, number, number];

const same = (a: Position | undefined, b: Position | undefined): boolean =>
  !!a && !!b && a[0] === b[0] && a[1] === b[1];

export function isClosed(line: readonly Position[]): boolean {
  return line.length >= 4 && same(line[0], line[line.length - 1]);
}

/** Joins way pieces end to end into closed rings (multipolygon members); open leftovers are dropped. */
export function assembleRings(pieces: readonly Position[][]): Ring[] {
  const open = pieces.filter((p) => p.length >= 2).map((p) => [...p]);
  const rings: Ring[] = [];
  while (open.length) {
    const ring = open.pop() ?? [];
    let extended = true;
    while (!isClosed(ring) && extended) {
      extended = false;
      for (let i = 0; i < open.length; i++) {
        const p = open[i] ?? [];
        const end = ring[ring.length - 1];
        if (same(p[0], end)) ring.push(...p.slice(1));
        else if (same(p[p.length - 1], end)) ring.push(...p.reverse().slice(1));
        else continue;
        open.splice(i, 1);
        extended = true;
        break;
      }
    }
    if (isClosed(ring)) rings.push(ring);
  }
  return rings;
}

/** Twice the signed area in degrees²; positive for counter-clockwise rings. */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] ?? [0, 0];
    const b = ring[i] ?? [0, 0];
    sum += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return sum;
}

/**
 * RFC 7946 winding (outer counter-clockwise, holes clockwise), which becomes the MVT winding once
 * the tile's y axis points down; renderers tell outer rings from holes by it.
 */
export function rewind(polygon: Ring[]): Ring[] {
  return polygon.map((ring, i) => (signedArea(ring) > 0 === (i === 0) ? ring : [...ring].reverse()));
}

export function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Groups rings into polygons: each inner ring goes to the first outer ring that contains it. */
export function polygonsFromRings(outers: Ring[], inners: Ring[]): Ring[][] {
  const polygons = outers.map((o) => [o]);
  for (const inner of inners) {
    const first = inner[0];
    const host = first && polygons.find((p) => pointInRing(first, p[0] ?? []));
    if (host) host.push(inner);
  }
  return polygons.map(rewind);
}

export function extendBBox(bbox: BBox, coords: readonly Position[]): void {
  for (const [x, y] of coords) {
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  }
}

export const emptyBBox = (): BBox => [Infinity, Infinity, -Infinity, -Infinity];

/**
 * A point inside the polygon for its label: the middle of the widest inside stretch of the
 * horizontal line through the middle of its outer ring (a centroid may fall outside a concave shape).
 */
export function labelPoint(polygon: readonly Ring[]): Position | undefined {
  const outer = polygon[0];
  if (!outer?.length) return undefined;
  const bbox = emptyBBox();
  extendBBox(bbox, outer);
  const y = (bbox[1] + bbox[3]) / 2;
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] ?? [0, 0];
      const [xj, yj] = ring[j] ?? [0, 0];
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position | undefined;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const a = xs[i] ?? 0;
    const b = xs[i + 1] ?? 0;
    if (b - a > width) [width, best] = [b - a, [(a + b) / 2, y]];
  }
  return best;
}
