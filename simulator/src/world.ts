/**
 * The world a scenario runs in: the road graph, a router over it and the police stations, loaded
 * from files or generated around a centre.
 */
import { Districts } from './districts.ts';
import { SimulatorInputError } from './errors.ts';
import { distanceM } from './geo.ts';
import { buildGraph, nearestNode, type Graph } from './graph.ts';
import { generateArea } from './grid.ts';
import { createRng } from './prng.ts';
import { loadRoadLines, loadStationPoints, type StationPoint } from './roads.ts';
import { Router } from './routing.ts';

export interface Station {
  name: string;
  /** The district polygon the station lies in (its units belong to it); else the station's name is used. */
  district?: string;
  lat: number;
  lon: number;
  node: number;
}

export interface World {
  graph: Graph;
  router: Router;
  stations: Station[];
  /** The district polygons, when a districts file was given. */
  districts?: Districts;
}

export interface WorldOptions {
  seed: number;
  roadsFile?: string;
  stationsFile?: string;
  districtsFile?: string;
  center?: { lat: number; lon: number };
  /** How many stations to place when the road file comes without a stations file. */
  stationCount?: number;
}

export const DEFAULT_CENTER = { lat: 51.2277, lon: 6.7735 };
/** A station further than this from any road is outside the area the roads cover. */
const MAX_SNAP_M = 1500;
/** Police sites in station files that are not bases of patrol cars. */
const NOT_A_PATROL_BASE = /zoll|bundespolizei|wasserschutz|kriminal/i;

export function loadWorld(opts: WorldOptions): World {
  const rng = createRng(opts.seed, 'world');
  const filePoints = opts.stationsFile ? loadStationPoints(opts.stationsFile) : undefined;
  let points: StationPoint[] | undefined = filePoints;
  let graph: Graph;
  if (opts.roadsFile) {
    graph = buildGraph(loadRoadLines(opts.roadsFile));
  } else {
    const area = generateArea(opts.center ?? (filePoints ? centroid(filePoints) : DEFAULT_CENTER), rng);
    graph = buildGraph(area.lines);
    points ??= area.stations;
  }
  if (graph.size < 2) throw new SimulatorInputError('the road network has no connected streets');
  const stations = points
    ? snapStations(graph, points, opts.stationsFile ?? 'the generated area')
    : placeStations(graph, opts.stationCount ?? 8, rng.next);
  const world: World = { graph, router: new Router(graph), stations };
  if (opts.districtsFile) {
    const districts = Districts.fromFile(opts.districtsFile);
    world.districts = districts;
    for (const st of stations) {
      const d = districts.at(st.lat, st.lon);
      if (d !== undefined) st.district = d;
    }
  }
  return world;
}

function centroid(points: readonly StationPoint[]): { lat: number; lon: number } {
  const lat = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const lon = points.reduce((s, p) => s + p.lon, 0) / points.length;
  return { lat, lon };
}

function snapStations(graph: Graph, points: readonly StationPoint[], source: string): Station[] {
  const stations: Station[] = [];
  const used = new Set<number>();
  let unnamed = 0;
  for (const p of points) {
    if (p.name !== undefined && NOT_A_PATROL_BASE.test(p.name)) continue;
    const { node, distanceM: away } = nearestNode(graph, p.lat, p.lon);
    if (away > MAX_SNAP_M || used.has(node)) continue;
    used.add(node);
    const name = (p.name ?? `Polizeiwache ${++unnamed}`).slice(0, 64);
    stations.push({ name, lat: graph.lat[node]!, lon: graph.lon[node]!, node });
  }
  if (stations.length === 0) {
    throw new SimulatorInputError(`no police station from ${source} lies within 1.5 km of the road network`);
  }
  return stations;
}

/** Random nodes at least 1.5 km apart (relaxed when the network is small). */
function placeStations(graph: Graph, count: number, random: () => number): Station[] {
  const chosen: number[] = [];
  let spacing = 1500;
  for (let attempt = 0; chosen.length < count; attempt++) {
    if (attempt > 0 && attempt % 200 === 0) spacing /= 2;
    const n = Math.floor(random() * graph.size);
    const far = chosen.every(
      (c) => distanceM(graph.lat[c]!, graph.lon[c]!, graph.lat[n]!, graph.lon[n]!) >= spacing,
    );
    if (far) chosen.push(n);
  }
  return chosen.map((node, i) => ({
    name: `Polizeiwache ${i + 1}`,
    lat: graph.lat[node]!,
    lon: graph.lon[node]!,
    node,
  }));
}
