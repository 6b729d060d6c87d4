/**
 * The road graph: every vertex of every line is a node, snapped by coordinates rounded to about
 * 10 cm, so streets that meet at a shared vertex connect. Only the largest connected component is
 * kept: routes inside it always exist. Adjacency is stored as compressed rows (typed arrays) so the
 * 60,000-node Köln network stays small and fast to search.
 */
import { distanceM } from './geo.ts';
import type { RoadLine } from './roads.ts';

export interface Graph {
  size: number;
  lat: Float64Array;
  lon: Float64Array;
  /** Neighbours of node i are adj[off[i] .. off[i+1]), with edge lengths in len (metres). */
  off: Int32Array;
  adj: Int32Array;
  len: Float64Array;
  /** Index into names for each node (the first street that touched it), -1 when unnamed. */
  nodeName: Int32Array;
  names: string[];
}

const keyOf = (lon: number, lat: number): string => `${Math.round(lon * 1e6)},${Math.round(lat * 1e6)}`;

export function buildGraph(lines: readonly RoadLine[]): Graph {
  const ids = new Map<string, number>();
  const lat: number[] = [];
  const lon: number[] = [];
  const nodeName: number[] = [];
  const names: string[] = [];
  const nameIds = new Map<string, number>();
  const from: number[] = [];
  const to: number[] = [];
  for (const line of lines) {
    let nameId = -1;
    if (line.name !== undefined) {
      nameId = nameIds.get(line.name) ?? names.push(line.name) - 1;
      nameIds.set(line.name, nameId);
    }
    let prev = -1;
    for (const [x, y] of line.coords) {
      const key = keyOf(x, y);
      let id = ids.get(key);
      if (id === undefined) {
        id = lat.push(y) - 1;
        lon.push(x);
        nodeName.push(nameId);
        ids.set(key, id);
      } else if (nodeName[id] === -1) nodeName[id] = nameId;
      if (prev !== -1 && prev !== id) {
        from.push(prev);
        to.push(id);
      }
      prev = id;
    }
  }
  const keep = largestComponent(lat.length, from, to);
  return compact(keep, lat, lon, nodeName, names, from, to);
}

/** Union-find over the edges; returns a mask of the nodes in the biggest component. */
function largestComponent(n: number, from: number[], to: number[]): Uint8Array {
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const p = parent[parent[x]!]!;
      parent[x] = p;
      x = p;
    }
    return x;
  };
  for (let e = 0; e < from.length; e++) {
    const a = find(from[e]!);
    const b = find(to[e]!);
    if (a !== b) parent[a] = b;
  }
  const count = new Int32Array(n);
  let best = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    count[r]!++;
    if (count[r]! > count[best]!) best = r;
  }
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = find(i) === best ? 1 : 0;
  return keep;
}

function compact(
  keep: Uint8Array,
  lat: number[],
  lon: number[],
  nodeName: number[],
  names: string[],
  from: number[],
  to: number[],
): Graph {
  const newId = new Int32Array(keep.length).fill(-1);
  let size = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) newId[i] = size++;
  const g: Graph = {
    size,
    lat: new Float64Array(size),
    lon: new Float64Array(size),
    off: new Int32Array(size + 1),
    adj: new Int32Array(0),
    len: new Float64Array(0),
    nodeName: new Int32Array(size),
    names,
  };
  for (let i = 0; i < keep.length; i++) {
    const j = newId[i]!;
    if (j < 0) continue;
    g.lat[j] = lat[i]!;
    g.lon[j] = lon[i]!;
    g.nodeName[j] = nodeName[i]!;
  }
  const degree = new Int32Array(size);
  for (let e = 0; e < from.length; e++) {
    const a = newId[from[e]!]!;
    if (a >= 0) {
      degree[a]!++;
      degree[newId[to[e]!]!]!++;
    }
  }
  for (let i = 0; i < size; i++) g.off[i + 1] = g.off[i]! + degree[i]!;
  g.adj = new Int32Array(g.off[size]!);
  g.len = new Float64Array(g.off[size]!);
  const fill = g.off.slice(0, size);
  const put = (a: number, b: number, d: number): void => {
    const k = fill[a]!++;
    g.adj[k] = b;
    g.len[k] = d;
  };
  for (let e = 0; e < from.length; e++) {
    const a = newId[from[e]!]!;
    const b = newId[to[e]!]!;
    if (a < 0 || b < 0) continue;
    const d = distanceM(g.lat[a]!, g.lon[a]!, g.lat[b]!, g.lon[b]!);
    put(a, b, d);
    put(b, a, d);
  }
  return g;
}

export function nearestNode(g: Graph, lat: number, lon: number): { node: number; distanceM: number } {
  let node = 0;
  let best = Infinity;
  for (let i = 0; i < g.size; i++) {
    const d = distanceM(lat, lon, g.lat[i]!, g.lon[i]!);
    if (d < best) {
      best = d;
      node = i;
    }
  }
  return { node, distanceM: best };
}

export const streetName = (g: Graph, node: number): string | undefined => g.names[g.nodeName[node] ?? -1];
