/**
 * map.queryRenderedFeatures that never throws. MapLibre can throw "feature index out of bounds" /
 * "Out of bounds" for a symbol layer whose icons are added while tiles are being rebuilt (a known race:
 * maplibre/maplibre-gl-js#7752 and #8064); a click or hover then finds nothing for that moment instead
 * of breaking the handler. The next event queries a consistent index again.
 */
import type { Map as MaplibreMap, MapGeoJSONFeature, PointLike } from 'maplibre-gl';

export function queryFeatures(
  map: MaplibreMap,
  at: PointLike | [PointLike, PointLike],
  layers: string[],
): MapGeoJSONFeature[] {
  try {
    return map.queryRenderedFeatures(at, { layers });
  } catch (e) {
    if (e instanceof Error && /out of bounds/i.test(e.message)) return [];
    throw e;
  }
}
