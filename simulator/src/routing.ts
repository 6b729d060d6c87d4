/**
 * Shortest paths on the road graph: A* for one route, and a Dijkstra that grows outward from an
 * incident until it has found the nearest units by road. Search arrays are reused between queries
 * and invalidated by a generation stamp instead of being cleared.
 */
import { distanceM } from './geo.ts';
import type { Graph } from './graph.ts';
import { MinHeap } from './heap.ts';

export interface Route {
  nodes: number[];
  lengthM: number;
}

export interface Reached {
  node: number;
  distanceM: number;
}

export class Router {
  private readonly dist: Float64Array;
  private readonly prev: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private generation = 0;
  private readonly heap = new MinHeap();

  constructor(readonly graph: Graph) {
    this.dist = new Float64Array(graph.size);
    this.prev = new Int32Array(graph.size);
    this.stamp = new Uint32Array(graph.size);
    this.done = new Uint32Array(graph.size);
  }

  private reset(source: number, key: number): void {
    this.generation++;
    this.heap.clear();
    this.touch(source, 0, -1);
    this.heap.push(source, key);
  }

  private touch(node: number, d: number, prev: number): void {
    this.stamp[node] = this.generation;
    this.dist[node] = d;
    this.prev[node] = prev;
  }

  private known(node: number): number {
    return this.stamp[node] === this.generation ? this.dist[node]! : Infinity;
  }

  /** A* with the great-circle distance as heuristic (admissible: edges are great-circle lengths too). */
  route(from: number, to: number): Route | undefined {
    const g = this.graph;
    const h = (n: number): number => distanceM(g.lat[n]!, g.lon[n]!, g.lat[to]!, g.lon[to]!);
    this.reset(from, h(from));
    while (this.heap.size > 0) {
      const u = this.heap.pop();
      if (this.done[u] === this.generation) continue;
      this.done[u] = this.generation;
      if (u === to) return { nodes: this.pathTo(to), lengthM: this.dist[to]! };
      this.relax(u, h);
    }
    return undefined;
  }

  /**
   * Grows a Dijkstra search from `source` and calls `visit` for each node in order of road
   * distance until `visit` returns false or `maxM` is passed.
   */
  explore(source: number, maxM: number, visit: (reached: Reached) => boolean): void {
    this.reset(source, 0);
    while (this.heap.size > 0) {
      const d = this.heap.topKey();
      const u = this.heap.pop();
      if (this.done[u] === this.generation) continue;
      this.done[u] = this.generation;
      if (d > maxM || !visit({ node: u, distanceM: d })) return;
      this.relax(u, () => 0);
    }
  }

  /** After explore(): the path from a reached node back to the source (roads are two-way). */
  pathToSource(node: number): number[] {
    return this.pathTo(node).reverse();
  }

  private relax(u: number, h: (n: number) => number): void {
    const g = this.graph;
    const du = this.dist[u]!;
    for (let k = g.off[u]!; k < g.off[u + 1]!; k++) {
      const v = g.adj[k]!;
      const dv = du + g.len[k]!;
      if (dv < this.known(v)) {
        this.touch(v, dv, u);
        this.heap.push(v, dv + h(v));
      }
    }
  }

  private pathTo(node: number): number[] {
    const path: number[] = [];
    for (let n = node; n !== -1; n = this.prev[n]!) path.push(n);
    return path.reverse();
  }
}
