/** Builds a basemap archive from an OSM extract or road GeoJSON (plus district areas). */
import fs from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from './args.ts';
import { InputError } from './errors.ts';
import { osmFeatures } from './osmFeatures.ts';
import { areaFeatures, readGeoJson, roadFeatures } from './geojsonInput.ts';
import { emptyBBox, extendBBox, type BBox, type Position } from './geometry.ts';
import { LAYER_FIELDS, LAYERS, type BuilderFeature, type LayerName } from './layers.ts';
import { cutTiles, type Tile } from './tiler.ts';
import { writePmtiles, type ArchiveStats } from './pmtilesWriter.ts';

export interface BuildResult extends ArchiveStats {
  output: string;
  features: Partial<Record<LayerName, number>>;
  tilesByZoom: Record<number, number>;
  bbox: BBox;
  notes: string[];
  ms: number;
}

const OSM_CREDIT = '© OpenStreetMap contributors';

export function inputKind(file: string): 'osm' | 'geojson' {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pbf')) return 'osm';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (lower.endsWith('.osm') || lower.endsWith('.osm.bz2') || lower.endsWith('.o5m'))
    throw new InputError(
      `${file}: OSM XML/o5m is not supported; convert it to PBF (osmium cat in.osm -o out.osm.pbf)`,
    );
  throw new InputError(
    `${file}: unsupported input; use an OpenStreetMap extract (.osm.pbf) or GeoJSON (.geojson)`,
  );
}

export function buildBasemap(opts: BuildOptions, log: (line: string) => void = () => {}): BuildResult {
  const started = Date.now();
  const notes: string[] = [];
  const kind = inputKind(opts.input);
  if (!fs.existsSync(opts.input)) throw new InputError(`input not found: ${opts.input}`);
  if (opts.areas && !fs.existsSync(opts.areas)) throw new InputError(`areas not found: ${opts.areas}`);
  const outDir = path.dirname(opts.output);
  if (!fs.existsSync(outDir)) throw new InputError(`output folder does not exist: ${outDir}`);

  const features: BuilderFeature[] = [];
  if (kind === 'osm') {
    features.push(...osmFeatures(opts.input));
  } else {
    const roads = roadFeatures(readGeoJson(opts.input), opts.roadName);
    features.push(...roads.features);
    notes.push(`names from "${roads.nameKey ?? '-'}"`);
    notes.push(roads.classKey ? `classes from "${roads.classKey}"` : 'classes guessed from name and length');
  }
  if (!features.some((f) => f.layer === 'roads' || f.layer === 'water'))
    throw new InputError(`${opts.input} holds no roads or water the basemap could use`);
  if (opts.areas) {
    const areas = areaFeatures(readGeoJson(opts.areas), opts.areas, opts.areasName);
    features.push(...areas.features);
    notes.push(`${areas.count} areas named by "${areas.nameKey ?? '-'}"`);
  }
  log(`basemap: ${features.length} features read in ${Date.now() - started} ms, cutting tiles …`);

  const bbox = featureBBox(features);
  const tiles: Tile[] = [];
  const tilesByZoom: Record<number, number> = {};
  cutTiles(features, bbox, opts.minzoom, opts.maxzoom, (t) => {
    tiles.push(t);
    tilesByZoom[t.z] = (tilesByZoom[t.z] ?? 0) + 1;
  });
  if (!tiles.length) throw new InputError('no tiles came out; check --minzoom/--maxzoom against the data');

  const counts: Partial<Record<LayerName, number>> = {};
  for (const f of features) counts[f.layer] = (counts[f.layer] ?? 0) + 1;
  const layers = LAYERS.filter((l) => counts[l]);
  const name = opts.name ?? path.basename(opts.output, '.pmtiles');
  const attribution = opts.attribution ?? (kind === 'osm' ? OSM_CREDIT : undefined);
  const centerZoom = Math.min(opts.maxzoom, Math.max(opts.minzoom, 12));
  const stats = writePmtiles(opts.output, tiles, {
    minZoom: opts.minzoom,
    maxZoom: opts.maxzoom,
    bounds: bbox,
    center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, centerZoom],
    metadata: {
      name,
      format: 'pbf',
      type: 'baselayer',
      ...(attribution ? { attribution } : {}),
      description: `Lagebild basemap from ${path.basename(opts.input)}${opts.areas ? ` and ${path.basename(opts.areas)}` : ''}`,
      generator: 'lagebild basemap',
      vector_layers: layers.map((id) => ({
        id,
        fields: LAYER_FIELDS[id],
        minzoom: Math.max(
          opts.minzoom,
          Math.min(...features.filter((f) => f.layer === id).map((f) => f.minzoom)),
        ),
        maxzoom: opts.maxzoom,
      })),
    },
  });
  return {
    ...stats,
    output: opts.output,
    features: counts,
    tilesByZoom,
    bbox,
    notes,
    ms: Date.now() - started,
  };
}

function featureBBox(features: readonly BuilderFeature[]): BBox {
  const bbox = emptyBBox();
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') extendBBox(bbox, [c as Position]);
    else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of features) if (f.geometry.type !== 'GeometryCollection') visit(f.geometry.coordinates);
  return bbox;
}

export function summary(r: BuildResult, minzoom: number, maxzoom: number): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const total = Object.values(r.features).reduce((s, v) => s + (v ?? 0), 0);
  const perLayer = Object.entries(r.features)
    .map(([k, v]) => `${k} ${n(v ?? 0)}`)
    .join(', ');
  const mb = r.bytes >= 1e6 ? `${(r.bytes / 1e6).toFixed(1)} MB` : `${(r.bytes / 1e3).toFixed(0)} kB`;
  return (
    `basemap: wrote ${r.output}: ${n(total)} features (${perLayer}), ${n(r.addressedTiles)} tiles, ` +
    `${n(r.bytes)} bytes (${mb}), zooms ${minzoom}-${maxzoom}, ${(r.ms / 1000).toFixed(1)} s`
  );
}
