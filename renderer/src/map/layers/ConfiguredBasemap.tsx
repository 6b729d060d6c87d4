/**
 * Puts the server's configured basemap under the picture, in the theme's style, and switches style
 * with the theme; the app's layers are carried over (configuredBasemap.ts). Without a configured
 * basemap the built-in Natural Earth layers stay. When the settings change (basemapStore.revision)
 * the map switches to the new basemap, or back to the built-in layers. Renders nothing.
 */
import { useEffect, useRef } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { useMap } from '../mapContext.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { basemapStore, useBasemap } from '../../basemap/basemapStore.ts';
import { baseStyle } from '../style.ts';
import {
  builtInParts,
  builtInSnapshot,
  carryAppLayers,
  overlayParts,
  type BasemapParts,
} from '../configuredBasemap.ts';
import { basemapStyle, basemapSummary } from '../../basemap/early.ts';
import { openOnRegion } from '../regionView.ts';

export function ConfiguredBasemap() {
  const map = useMap();
  const theme = useSettings((s) => s.theme);
  const revision = useBasemap((s) => s.revision);
  const parts = useRef<BasemapParts>(builtInParts());
  const builtIn = useRef<Pick<StyleSpecification, 'sources' | 'layers'> | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const switchTo = (style: StyleSpecification) =>
      map.setStyle(style, {
        transformStyle: (prev, next) => {
          if (prev && !builtIn.current) builtIn.current = builtInSnapshot(prev);
          const r = carryAppLayers(prev, next, parts.current);
          parts.current = r.parts;
          return r.style;
        },
      });
    const apply = async () => {
      const summary = await basemapSummary();
      if (abort.signal.aborted) return;
      basemapStore.setState({ summary });
      openOnRegion(map, summary.archive?.bounds);
      if (summary.kind === 'none' || !summary.style) {
        // Back from a configured basemap (settings changed): the built-in layers with their data.
        const saved = builtIn.current;
        if (!saved || parts.current.layers.has('basemap-land') || abort.signal.aborted) return;
        switchTo({ ...baseStyle(), sources: saved.sources, layers: saved.layers });
        map.once('idle', () =>
          basemapStore.setState((s) => ({ appliedTheme: null, switches: s.switches + 1 })),
        );
        return;
      }
      let style: StyleSpecification = await basemapStyle(theme, abort.signal);
      if (!summary.overlaysInStyle && summary.overlays.length) {
        const o = overlayParts(summary.overlays, location.href);
        style = {
          ...style,
          sources: { ...style.sources, ...o.sources },
          layers: [...style.layers, ...o.layers],
        };
      }
      if (abort.signal.aborted) return;
      switchTo(style);
      map.once('idle', () =>
        basemapStore.setState((s) => ({ appliedTheme: theme, switches: s.switches + 1, error: null })),
      );
    };
    apply().catch((e: unknown) => {
      if (!abort.signal.aborted) basemapStore.setState({ error: e instanceof Error ? e.message : String(e) });
    });
    return () => abort.abort();
  }, [map, theme, revision]);
  return null;
}
