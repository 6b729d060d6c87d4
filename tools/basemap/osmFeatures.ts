/**
 * Turns an OSM PBF extract into builder features: roads, waterways, water and landuse areas and
 * buildings, from tagged ways and from multipolygon relations (whose rings are joined from ways).
 * Two passes over the file: relations first, so the second pass keeps only the member ways needed.
 */
import type * as GeoJSON from 'geojson';
import { readOsmPbf, type OsmMember, type OsmTags } from './osmPbf.ts';
import { NodeStore } from './nodeStore.ts';
import { classifyOsm, type Classified } from './classify.ts';
import { assembleRings, isClosed, polygonsFromRings, rewind, type Position } from './geometry.ts';
import type { BuilderFeature } from './layers.ts';

interface Multipolygon {
  kind: Classified;
  tags: OsmTags;
  members: OsmMember[];
}

export function osmFeatures(file: string): BuilderFeature[] {
  const multipolygons: Multipolygon[] = [];
  const memberWays = new Set<number>();
  readOsmPbf(file, {
    relation(_id, members, tags) {
      if (tags.type !== 'multipolygon') return;
      const kind = classifyOsm(tags, true);
      if (!kind) return;
      multipolygons.push({ kind, tags, members });
      for (const m of members) if (m.type === 'way') memberWays.add(m.ref);
    },
  });

  const nodes = new NodeStore();
  const wayLines = new Map<number, Position[]>();
  const features: BuilderFeature[] = [];
  let nodesDone = false;
  readOsmPbf(file, {
    nodes: (ids, lons, lats) => nodes.add(ids, lons, lats),
    way(id, refs, tags) {
      if (!nodesDone) {
        nodes.finish();
        nodesDone = true;
      }
      const line = nodes.line(refs);
      if (memberWays.has(id)) wayLines.set(id, line);
      const closed = refs.length >= 4 && refs[0] === refs[refs.length - 1];
      const kind = classifyOsm(tags, closed);
      if (!kind || line.length < 2) return;
      const f = toFeature(kind, tags, kind.layer === 'roads' || kind.layer === 'waterway', line);
      if (f) features.push(f);
    },
  });

  for (const mp of multipolygons) {
    const pieces = (role: (r: string) => boolean) =>
      mp.members.flatMap((m) => (m.type === 'way' && role(m.role) ? [wayLines.get(m.ref) ?? []] : []));
    const outers = assembleRings(pieces((r) => r !== 'inner'));
    const inners = assembleRings(pieces((r) => r === 'inner'));
    const polygons = polygonsFromRings(outers, inners);
    if (!polygons.length) continue;
    features.push({
      layer: mp.kind.layer,
      minzoom: mp.kind.minzoom,
      geometry: { type: 'MultiPolygon', coordinates: polygons },
      properties: propertiesOf(mp.kind, mp.tags),
    });
  }
  return features;
}

function toFeature(
  kind: Classified,
  tags: OsmTags,
  asLine: boolean,
  line: Position[],
): BuilderFeature | undefined {
  let geometry: GeoJSON.Geometry;
  if (asLine) geometry = { type: 'LineString', coordinates: line };
  else if (isClosed(line)) geometry = { type: 'Polygon', coordinates: rewind([line]) };
  else return undefined;
  return { layer: kind.layer, minzoom: kind.minzoom, geometry, properties: propertiesOf(kind, tags) };
}

function propertiesOf(kind: Classified, tags: OsmTags): Record<string, string> {
  if (kind.layer === 'buildings') return {};
  if (kind.layer === 'landuse') return { class: kind.class };
  const p: Record<string, string> = { class: kind.class };
  if (tags.name) p.name = tags.name;
  if (kind.layer === 'roads' && tags.ref) p.ref = tags.ref;
  return p;
}
