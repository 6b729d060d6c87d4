import { describe, expect, it } from 'vitest';
import { distanceM } from './geo.ts';
import { buildGraph, nearestNode, type Graph } from './graph.ts';
import type { RoadLine } from './roads.ts';
import { Router } from './routing.ts';

/**
 * A hand-made town, coordinates as [lon, lat] offsets of 0.001° (about 70 m east, 111 m north):
 *
 *   C(0,3) ---- D(2,2)
 *   |           |
 *   A(0,0) ---- B(2,0)      E(5,5) - F(6,5)   (a separate piece that must be dropped)
 *
 * plus a long detour A → G(0,-3) → H(2,-3) → B.
 */
const P = (x: number, y: number): [number, number] => [6.9 + x * 0.001, 50.9 + y * 0.001];
const LINES: RoadLine[] = [
  { coords: [P(0, 0), P(2, 0)], name: 'Unterstraße' },
  { coords: [P(0, 0), P(0, 3), P(2, 2)], name: 'Hinterweg' },
  { coords: [P(2, 0), P(2, 2)], name: 'Querweg' },
  { coords: [P(0, 0), P(0, -3), P(2, -3), P(2, 0)], name: 'Umweg' },
  { coords: [P(5, 5), P(6, 5)], name: 'Inselweg' },
];

const node = (g: Graph, x: number, y: number): number => {
  const [lon, lat] = P(x, y);
  const n = nearestNode(g, lat, lon);
  expect(n.distanceM).toBeLessThan(0.5);
  return n.node;
};

describe('road graph and routing on a tiny town', () => {
  const g = buildGraph(LINES);
  const router = new Router(g);

  it('joins shared vertices, keeps the largest component and names nodes', () => {
    expect(g.size).toBe(6); // A B C D G H; the island E-F is gone
    expect(nearestNode(g, P(5, 5)[1], P(5, 5)[0]).distanceM).toBeGreaterThan(100);
    const d = node(g, 2, 2);
    expect(g.off[d + 1]! - g.off[d]!).toBe(2); // C and B
    expect(['Hinterweg', 'Querweg']).toContain(g.names[g.nodeName[d]!]);
  });

  it('finds the shortest route, not the first one', () => {
    const a = node(g, 0, 0);
    const b = node(g, 2, 0);
    const dNode = node(g, 2, 2);
    const direct = router.route(a, b)!;
    expect(direct.nodes).toEqual([a, b]);
    expect(direct.lengthM).toBeCloseTo(distanceM(g.lat[a]!, g.lon[a]!, g.lat[b]!, g.lon[b]!), 6);
    // A → D: via B (140 m + 222 m) is shorter than via C (333 m + 157 m).
    const ad = router.route(a, dNode)!;
    expect(ad.nodes).toEqual([a, b, dNode]);
    expect(ad.lengthM).toBeCloseTo(
      direct.lengthM + distanceM(g.lat[b]!, g.lon[b]!, g.lat[dNode]!, g.lon[dNode]!),
      6,
    );
    for (let i = 1; i < ad.nodes.length; i++) {
      const u = ad.nodes[i - 1]!;
      const neighbours = Array.from(g.adj.subarray(g.off[u]!, g.off[u + 1]!));
      expect(neighbours).toContain(ad.nodes[i]);
    }
  });

  it('matches an exhaustive search on every pair', () => {
    // Floyd-Warshall as the reference.
    const n = g.size;
    const dist = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)),
    );
    for (let u = 0; u < n; u++) {
      for (let k = g.off[u]!; k < g.off[u + 1]!; k++) dist[u]![g.adj[k]!] = g.len[k]!;
    }
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const via = dist[i]![k]! + dist[k]![j]!;
          if (via < dist[i]![j]!) dist[i]![j] = via;
        }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(router.route(i, j)!.lengthM).toBeCloseTo(dist[i]![j]!, 6);
  });

  it('explores outward in order of road distance and returns paths back to the source', () => {
    const a = node(g, 0, 0);
    const seen: number[] = [];
    router.explore(a, Infinity, ({ distanceM: d }) => {
      seen.push(d);
      return true;
    });
    expect(seen).toHaveLength(g.size);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    const h = node(g, 2, -3);
    expect(router.pathToSource(h)[0]).toBe(h);
    expect(router.pathToSource(h).at(-1)).toBe(a);
  });
});
