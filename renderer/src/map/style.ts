/**
 * The default offline style: a background for water plus the shipped Noto Sans font for labels.
 * MapLibre draws label glyphs from the font file declared in `font-faces` (no glyph server), and
 * every data layer adds its own sources at run time. Nothing here leaves the origin.
 */
import type { StyleSpecification } from 'maplibre-gl';
import latin from '@fontsource/noto-sans/files/noto-sans-latin-500-normal.woff2?url';
import latinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-500-normal.woff2?url';
import { THEME } from '../theme/colors.ts';

export const LABEL_FONT = 'Noto Sans Medium';

const absolute = (url: string): string => new URL(url, globalThis.location?.href).href;

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'Lagebild dark (offline)',
    sources: {},
    'font-faces': {
      [LABEL_FONT]: [
        {
          url: absolute(latin),
          'unicode-range': ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+2000-206F', 'U+20AC'],
        },
        { url: absolute(latinExt), 'unicode-range': ['U+0100-02AF', 'U+1E00-1EFF', 'U+2020', 'U+20A0-20CF'] },
      ],
    },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': THEME.water } }],
  };
}

/** Bottom-to-top order of the app's layers; each layer component inserts its layers by this list. */
export const LAYER_ORDER = [
  'basemap-land',
  'basemap-coast',
  'basemap-borders',
  'heatmap-heat',
  'heatmap-hex-fill',
  'heatmap-hex-line',
  'heatmap-hex-count',
  'trails-line',
  'units-cluster',
  'units-cluster-count',
  'units-selected',
  'units-symbol',
  // Incidents above units: a unit on scene never hides its incident. Their markers stand above the
  // place (anchored at the bottom) so the unit stays visible too, and a click on either goes to the
  // one whose symbol is nearest (MapInteractions' pickHit), not simply to the top layer.
  'incidents-selected',
  'incidents-symbol',
] as const;
export type LayerId = (typeof LAYER_ORDER)[number];
