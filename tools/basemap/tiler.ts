/**
 * Cuts builder features into Mapbox Vector Tiles: one geojson-vt index per layer, walked from the
 * lowest zoom down, descending only into tiles that hold data, so sparse regions stay cheap.
 */
import { idMap } from '#shared/idMap';
import type * as GeoJSON from 'geojson';
import zlib from 'node:zlib';
import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { BBox } from './geometry.ts';
import { LAYERS, type BuilderFeature, type LayerName } from './layers.ts';

export const EXTENT = 4096;
const MINZOOM_KEY = '_minzoom';

export interface Tile {
  z: number;
  x: number;
  y: number;
  /** gzip-compressed MVT bytes */
  data: Uint8Array;
}

export function tileRange(bbox: BBox, z: number): { x0: number; y0: number; x1: number; y1: number } {
  const n = 2 ** z;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)));
  const tx = (lon: number) => clamp(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
    return clamp((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
  };
  return { x0: tx(bbox[0]), y0: ty(bbox[3]), x1: tx(bbox[2]), y1: ty(bbox[1]) };
}

export function cutTiles(
  features: readonly BuilderFeature[],
  bbox: BBox,
  minzoom: number,
  maxzoom: number,
  emit: (tile: Tile) => void,
): void {
  const indexes = new Map<LayerName, GeoJSONVT>();
  for (const layer of LAYERS) {
    const own = features.filter((f) => f.layer === layer && f.minzoom <= maxzoom);
    if (!own.length) continue;
    const fc: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: own.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { ...f.properties, [MINZOOM_KEY]: f.minzoom },
      })),
    };
    indexes.set(layer, new GeoJSONVT(fc, { maxZoom: maxzoom, extent: EXTENT, buffer: 64, wrap: false }));
  }
  const { x0, y0, x1, y1 } = tileRange(bbox, minzoom);
  const stack: [number, number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) stack.push([minzoom, x, y]);
  while (stack.length) {
    const [z, x, y] = stack.pop() ?? [0, 0, 0];
    const layers: Record<string, GeoJSONVTTile> = idMap();
    let hasData = false;
    for (const [name, index] of indexes) {
      const tile = index.getTile(z, x, y);
      if (!tile) continue;
      hasData = true;
      const visible: GeoJSONVTFeature[] = [];
      for (const f of tile.features) {
        const { [MINZOOM_KEY]: min = 0, ...tags } = f.tags ?? {};
        if ((min as number) <= z) visible.push({ ...f, tags });
      }
      if (visible.length) layers[name] = { ...tile, features: visible } as GeoJSONVTTile;
    }
    if (!hasData) continue;
    if (Object.keys(layers).length) {
      const mvt = fromGeojsonVt(layers, { version: 2, extent: EXTENT });
      emit({ z, x, y, data: zlib.gzipSync(mvt) });
    }
    if (z < maxzoom)
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const)
        stack.push([z + 1, x * 2 + dx, y * 2 + dy]);
  }
}
