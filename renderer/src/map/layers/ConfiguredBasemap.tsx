/**
 * Puts the server's configured basemap under the picture, in the theme's style, and switches style
 * with the theme; the app's layers are carried over (configuredBasemap.ts). Without a configured
 * basemap the built-in Natural Earth layers stay. When the settings change (basemapStore.revision)
 * the map switches to the new basemap, or back to the built-in layers. A map created on the
 * basemap (MapView's onBasemap, startingBasemap.ts) is taken as it is: no switch at start. Renders
 * nothing.
 */
import { useEffect, useRef } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { useMap } from '../mapContext.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { basemapStore, useBasemap } from '../../basemap/basemapStore.ts';
import { baseStyle } from '../style.ts';
import { builtInParts, builtInSnapshot, carryAppLayers, type BasemapParts } from '../configuredBasemap.ts';
import { basemapStyle, basemapSummary } from '../../basemap/early.ts';
import { openOnRegion } from '../regionView.ts';
import { startedOnBasemap, takeStartedOn, withOverlays } from '../startingBasemap.ts';
import { builtInBasemap } from './BasemapLayer.tsx';

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
    const applied = () =>
      map.once('idle', () =>
        basemapStore.setState((s) => ({ appliedTheme: theme, switches: s.switches + 1, error: null })),
      );
    const started = takeStartedOn(map);
    if (started && started.theme === theme && started.revision === revision) {
      // Created on this very basemap: nothing to switch; the store learns what the map shows.
      parts.current = started.parts;
      basemapStore.setState({ summary: started.summary });
      openOnRegion(map, started.bounds);
      applied();
      return () => abort.abort();
    }
    const apply = async () => {
      const summary = await basemapSummary();
      if (abort.signal.aborted) return;
      basemapStore.setState({ summary });
      openOnRegion(map, summary.archive?.bounds);
      if (summary.kind === 'none' || !summary.style) {
        // Back from a configured basemap (settings changed): the built-in layers with their data.
        // A map created on a basemap never had the built-in layers: they come from BasemapLayer's list.
        const saved = builtIn.current ?? (startedOnBasemap(map) ? builtInBasemap() : null);
        // Nothing to do where the map shows the built-in land already. Asked of the map itself: the parts of
        // a map created on a basemap name the built-in layers too (startingBasemap.ts), which it never had.
        if (!saved || map.getLayer('basemap-land') || abort.signal.aborted) return;
        // The built-in background: a map created on a basemap never had one of its own.
        const base = baseStyle();
        switchTo({ ...base, sources: saved.sources, layers: [...base.layers, ...saved.layers] });
        map.once('idle', () =>
          basemapStore.setState((s) => ({ appliedTheme: null, switches: s.switches + 1 })),
        );
        return;
      }
      const style = withOverlays(await basemapStyle(theme, abort.signal), summary);
      if (abort.signal.aborted) return;
      switchTo(style);
      applied();
    };
    apply().catch((e: unknown) => {
      if (!abort.signal.aborted) basemapStore.setState({ error: e instanceof Error ? e.message : String(e) });
    });
    return () => abort.abort();
  }, [map, theme, revision]);
  return null;
}
