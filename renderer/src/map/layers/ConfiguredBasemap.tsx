/**
 * Puts the server's configured basemap under the picture, in the theme's style, and switches style
 * with the theme; the app's layers are carried over (configuredBasemap.ts). Without a configured
 * basemap the built-in Natural Earth layers stay. Renders nothing.
 */
import { useEffect, useRef } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { useMap } from '../mapContext.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { basemapStore } from '../../stores/basemapStore.ts';
import {
  builtInParts,
  carryAppLayers,
  fetchBasemapStyle,
  fetchBasemapSummary,
  overlayParts,
  type BasemapParts,
} from '../configuredBasemap.ts';

export function ConfiguredBasemap() {
  const map = useMap();
  const theme = useSettings((s) => s.theme);
  const parts = useRef<BasemapParts>(builtInParts());

  useEffect(() => {
    const abort = new AbortController();
    const apply = async () => {
      const summary = basemapStore.getState().summary ?? (await fetchBasemapSummary(abort.signal));
      basemapStore.setState({ summary });
      if (summary.kind === 'none' || !summary.style) return;
      let style: StyleSpecification = await fetchBasemapStyle(theme, abort.signal);
      if (!summary.overlaysInStyle && summary.overlays.length) {
        const o = overlayParts(summary.overlays, location.href);
        style = {
          ...style,
          sources: { ...style.sources, ...o.sources },
          layers: [...style.layers, ...o.layers],
        };
      }
      if (abort.signal.aborted) return;
      map.setStyle(style, {
        transformStyle: (prev, next) => {
          const r = carryAppLayers(prev, next, parts.current);
          parts.current = r.parts;
          return r.style;
        },
      });
      map.once('idle', () =>
        basemapStore.setState((s) => ({ appliedTheme: theme, switches: s.switches + 1, error: null })),
      );
    };
    apply().catch((e: unknown) => {
      if (!abort.signal.aborted) basemapStore.setState({ error: e instanceof Error ? e.message : String(e) });
    });
    return () => abort.abort();
  }, [map, theme]);
  return null;
}
