/**
 * The style a map starts on when the server has a basemap of its own (the demo region, a centre's
 * archive): the basemap's style of the theme, with its overlays and the app's label font, asked for
 * before the map is created (basemap/early.ts). Creating the map on it instead of on the built-in
 * style and switching after `load` spares a first start a second style, a second set of tiles and
 * the re-added map images (measured in docs/map.md, first start). ConfiguredBasemap takes over the
 * map from there (takeStartedOn) and switches only when the theme or the settings change.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStore } from '../basemap/basemapStore.ts';
import { basemapStyle, basemapSummary } from '../basemap/early.ts';
import type { BasemapSummary } from '../basemap/summary.ts';
import { builtInParts, overlayParts, type BasemapParts } from './configuredBasemap.ts';
import { baseStyle } from './style.ts';
import { isRegion } from './regionView.ts';
import type { Bounds } from './features.ts';

export interface StartingBasemap {
  style: StyleSpecification;
  /** What of the style is basemap (its layers and sources, and the built-in layers added later). */
  parts: BasemapParts;
  theme: 'dark' | 'light';
  /** basemapStore.revision the style was asked for (settings saved since make it stale). */
  revision: number;
  summary: BasemapSummary;
  /** The archive's region, when it is one: the map opens on it. */
  bounds?: Bounds;
}

/** A basemap that does not answer within this is switched to after `load`, as before. */
const WAIT_MS = 5_000;

/** The basemap style of `theme` with the overlays it does not carry itself (ConfiguredBasemap too). */
export function withOverlays(style: StyleSpecification, summary: BasemapSummary): StyleSpecification {
  if (summary.overlaysInStyle || !summary.overlays.length) return style;
  const o = overlayParts(summary.overlays, location.href);
  return { ...style, sources: { ...style.sources, ...o.sources }, layers: [...style.layers, ...o.layers] };
}

async function ask(theme: 'dark' | 'light', revision: number): Promise<StartingBasemap | null> {
  const summary = await basemapSummary();
  if (summary.kind === 'none' || !summary.style) return null;
  const basemap = withOverlays(await basemapStyle(theme), summary);
  const parts = builtInParts();
  for (const l of basemap.layers) parts.layers.add(l.id);
  for (const s of Object.keys(basemap.sources)) parts.sources.add(s);
  const bounds = summary.archive?.bounds;
  return {
    // The app's label font as on every style of the map (carryAppLayers keeps it the same way).
    style: { ...basemap, 'font-faces': { ...(basemap['font-faces'] ?? {}), ...baseStyle()['font-faces'] } },
    parts,
    theme,
    revision,
    summary,
    ...(isRegion(bounds) ? { bounds } : {}),
  };
}

let asked: { theme: string; revision: number; answer: Promise<StartingBasemap | null> } | null = null;

/**
 * The basemap to create a map on, or null for the built-in map (no basemap, no answer in time, an
 * error: ConfiguredBasemap then switches and reports as before). One request per theme and settings.
 */
export function startingBasemap(theme: 'dark' | 'light'): Promise<StartingBasemap | null> {
  const revision = basemapStore.getState().revision;
  if (asked?.theme !== theme || asked.revision !== revision) {
    const answer: Promise<StartingBasemap | null> = ask(theme, revision).catch(() => {
      // Not kept: the next map asks again.
      if (asked?.answer === answer) asked = null;
      return null;
    });
    asked = { theme, revision, answer };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), WAIT_MS)));
  return Promise.race([asked?.answer ?? null, late]).then((s) => {
    clearTimeout(timer);
    // Every map gets a style of its own: MapLibre keeps what it is given.
    return s && { ...s, style: structuredClone(s.style) };
  });
}

const started = new WeakMap<object, StartingBasemap>();
const onBasemap = new WeakSet<object>();

/** The map was created on this basemap (MapView). */
export function startedOn(map: object, s: StartingBasemap): void {
  started.set(map, s);
  onBasemap.add(map);
}

/**
 * Whether the map was created on a basemap: BasemapLayer then adds no built-in layers (ConfiguredBasemap
 * brings them when the settings go back to "no basemap").
 */
export function startedOnBasemap(map: object): boolean {
  return onBasemap.has(map);
}

/** The basemap the map was created on, once (ConfiguredBasemap's first run), or undefined. */
export function takeStartedOn(map: object): StartingBasemap | undefined {
  const s = started.get(map);
  started.delete(map);
  return s;
}
