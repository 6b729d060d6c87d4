/**
 * The style switch onto the basemap the Lage server is configured with (basemap/summary.ts): the app's own layers (units, incidents, trails, heatmap) and their data are carried over into
 * the basemap style, the built-in Natural Earth layers and the previous basemap's layers are not.
 */
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapSummary } from '../basemap/summary.ts';
import { LABEL_FONT } from './style.ts';

/** Ids of the layers and sources that belong to the basemap (built-in or configured), not to the app. */
export interface BasemapParts {
  layers: Set<string>;
  sources: Set<string>;
}

export const builtInParts = (): BasemapParts => ({
  layers: new Set(['background', 'basemap-land', 'basemap-coast', 'basemap-borders']),
  sources: new Set(['basemap-land', 'basemap-borders']),
});

/**
 * The built-in map's layers and sources out of a style (kept when a configured basemap replaces
 * them), so a later change back to "no basemap" can put them back with their data. Without the
 * background: a map created on a basemap has the basemap's under that id; the switch back takes
 * the built-in style's own.
 */
export function builtInSnapshot(style: StyleSpecification): Pick<StyleSpecification, 'sources' | 'layers'> {
  const parts = builtInParts();
  return {
    sources: Object.fromEntries(Object.entries(style.sources).filter(([id]) => parts.sources.has(id))),
    layers: style.layers.filter((l) => l.id !== 'background' && parts.layers.has(l.id)),
  };
}

/** Overlay sources and layers for a style that does not carry them itself (a foreign style URL). */
export function overlayParts(
  overlays: BasemapSummary['overlays'],
  origin: string,
): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  // Keys are always `overlay-…`, never a prototype member; a plain object keeps MapLibre's style
  // code (which may call methods of Object.prototype on it) working.
  const sources = Object.fromEntries(
    overlays.map((o): [string, SourceSpecification] => [
      `overlay-${o.id}`,
      { type: 'geojson', data: new URL(o.url, origin).href },
    ]),
  );
  const layers: LayerSpecification[] = [];
  for (const o of overlays) {
    const source = `overlay-${o.id}`;
    const label = ['coalesce', ['get', o.label ?? 'name'], ['get', 'NAME'], ['get', 'STB_NAME'], ''];
    if (o.kind === 'districts')
      layers.push({
        id: `${source}-line`,
        type: 'line',
        source,
        paint: { 'line-color': '#b48ead', 'line-width': 1.5, 'line-dasharray': [3, 2] },
      });
    else
      layers.push({
        id: `${source}-point`,
        type: 'circle',
        source,
        paint: {
          'circle-color': '#3f8cff',
          'circle-radius': 5,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      });
    layers.push({
      id: `${source}-label`,
      type: 'symbol',
      source,
      layout: {
        'text-field': label as never,
        'text-font': [LABEL_FONT],
        'text-size': 11,
        'text-offset': [0, 1],
      },
      paint: { 'text-color': '#ecdcf5', 'text-halo-color': '#0b1118', 'text-halo-width': 1 },
    });
  }
  return { sources, layers };
}

/**
 * The next style: the basemap style with the app's layers and sources from `prev` on top, and the
 * app's label font kept. `parts` names what of `prev` was basemap; returns what of the result is.
 */
export function carryAppLayers(
  prev: StyleSpecification | undefined,
  basemap: StyleSpecification,
  parts: BasemapParts,
): { style: StyleSpecification; parts: BasemapParts } {
  const nextParts: BasemapParts = {
    layers: new Set(basemap.layers.map((l) => l.id)),
    sources: new Set(Object.keys(basemap.sources)),
  };
  if (!prev) return { style: basemap, parts: nextParts };
  const appLayers = prev.layers.filter((l) => !parts.layers.has(l.id) && !nextParts.layers.has(l.id));
  const appSources = Object.fromEntries(
    Object.entries(prev.sources).filter(([id]) => !parts.sources.has(id) && !nextParts.sources.has(id)),
  );
  return {
    style: {
      ...basemap,
      sources: { ...basemap.sources, ...appSources },
      layers: [...basemap.layers, ...appLayers],
      // The fonts already on the map win: the basemap names the same file under its own URL, and
      // a changed URL drops every glyph drawn so far and lays out every tile again.
      'font-faces': { ...(basemap['font-faces'] ?? {}), ...(prev['font-faces'] ?? {}) },
    },
    parts: nextParts,
  };
}
