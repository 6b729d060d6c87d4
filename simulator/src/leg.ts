/**
 * A leg is one drive along a polyline (a road route, or a straight flight) at a constant speed.
 * Units hold the distance travelled; position and heading are read off the polyline.
 */
import { bearingDeg, distanceM } from './geo.ts';
import type { Graph } from './graph.ts';

export interface Leg {
  lat: number[];
  lon: number[];
  /** Distance from the start to each vertex, metres. */
  cum: number[];
  /** Graph node of each vertex, -1 for points off the graph (a unit's start, a flight). */
  nodes: number[];
  speed: number;
  travelled: number;
  /** Index of the segment the unit is on, advanced monotonically. */
  segment: number;
}

export interface Point {
  lat: number;
  lon: number;
}

export function makeLeg(points: readonly Point[], nodes: readonly number[], speed: number): Leg {
  const leg: Leg = { lat: [], lon: [], cum: [], nodes: [], speed, travelled: 0, segment: 0 };
  points.forEach((p, i) => {
    const prevLat = leg.lat[leg.lat.length - 1];
    const prevLon = leg.lon[leg.lon.length - 1];
    const step =
      prevLat === undefined || prevLon === undefined ? 0 : distanceM(prevLat, prevLon, p.lat, p.lon);
    if (leg.cum.length > 0 && step === 0) {
      // The same place twice (a unit standing on a node): keep one vertex, but remember the node.
      if (leg.nodes[leg.nodes.length - 1] === -1) leg.nodes[leg.nodes.length - 1] = nodes[i] ?? -1;
      return;
    }
    leg.lat.push(p.lat);
    leg.lon.push(p.lon);
    leg.nodes.push(nodes[i] ?? -1);
    leg.cum.push((leg.cum[leg.cum.length - 1] ?? 0) + step);
  });
  return leg;
}

/** A road leg from a point (the unit's position) through a list of graph nodes. */
export function roadLeg(g: Graph, start: Point, path: readonly number[], speed: number): Leg {
  const points: Point[] = [start];
  const nodes = [-1];
  for (const n of path) {
    points.push({ lat: g.lat[n]!, lon: g.lon[n]! });
    nodes.push(n);
  }
  return makeLeg(points, nodes, speed);
}

export const legLength = (leg: Leg): number => leg.cum[leg.cum.length - 1] ?? 0;
export const legDone = (leg: Leg): boolean => leg.travelled >= legLength(leg);

/** Moves along the leg; returns the seconds left over when the end was reached in this step. */
export function advanceLeg(leg: Leg, seconds: number): number {
  const length = legLength(leg);
  const wanted = leg.travelled + leg.speed * seconds;
  leg.travelled = Math.min(wanted, length);
  while (leg.segment < leg.cum.length - 2 && leg.cum[leg.segment + 1]! <= leg.travelled) leg.segment++;
  return wanted > length && leg.speed > 0 ? (wanted - length) / leg.speed : 0;
}

export function legPosition(leg: Leg): Point & { heading: number } {
  const i = Math.min(leg.segment, Math.max(0, leg.cum.length - 2));
  const j = Math.min(i + 1, leg.cum.length - 1);
  const span = leg.cum[j]! - leg.cum[i]!;
  const f = span > 0 ? Math.min(1, Math.max(0, (leg.travelled - leg.cum[i]!) / span)) : 0;
  const lat = leg.lat[i]! + (leg.lat[j]! - leg.lat[i]!) * f;
  const lon = leg.lon[i]! + (leg.lon[j]! - leg.lon[i]!) * f;
  const heading = i === j ? 0 : bearingDeg(leg.lat[i]!, leg.lon[i]!, leg.lat[j]!, leg.lon[j]!);
  return { lat, lon, heading };
}

/** The next graph node ahead of the unit: where a new route can start without turning on the spot. */
export function nextNode(leg: Leg): number {
  for (let k = leg.segment + 1; k < leg.nodes.length; k++) if (leg.nodes[k]! >= 0) return leg.nodes[k]!;
  return -1;
}
