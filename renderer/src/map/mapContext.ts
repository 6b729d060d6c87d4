import { createContext, useContext } from 'react';
import type { Map as MaplibreMap, AddLayerObject, SymbolLayerSpecification } from 'maplibre-gl';
import { LAYER_ORDER, type LayerId } from './style.ts';

export const MapContext = createContext<MaplibreMap | null>(null);

/** The one long-lived map; layer components render inside MapView, after the style loaded. */
export function useMap(): MaplibreMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('useMap() must be used inside <MapView> after the map loaded');
  return map;
}

/** Adds a layer below the first existing layer that LAYER_ORDER puts above it. */
export function addOrderedLayer(map: MaplibreMap, layer: AddLayerObject & { id: LayerId }): void {
  const rank = LAYER_ORDER.indexOf(layer.id);
  const before = LAYER_ORDER.slice(rank + 1).find((id) => map.getLayer(id));
  map.addLayer(layer, before);
}

/** Removes layers and then their source, tolerating a map that is already gone. */
export function removeLayersAndSource(map: MaplibreMap, layerIds: readonly string[], sourceId: string): void {
  if (!map.style) return;
  for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(sourceId)) map.removeSource(sourceId);
}

/** Sets each of a symbol layer's layout properties (e.g. on a symbol set or scale change). */
export function applyLayout(
  map: MaplibreMap,
  layerId: string,
  layout: NonNullable<SymbolLayerSpecification['layout']>,
): void {
  if (!map.getLayer(layerId)) return;
  for (const key of Object.keys(layout) as (keyof typeof layout)[])
    map.setLayoutProperty(layerId, key, layout[key]);
}
