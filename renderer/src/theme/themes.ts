/**
 * Map colours per UI theme. The dark palette is the one the layers are created with (colors.ts);
 * MapTheme repaints the theme-dependent properties when the operator switches.
 */
import type { Theme } from '../stores/settingsStore.ts';
import { THEME } from './colors.ts';

export type MapPalette = { [K in keyof typeof THEME]: string };

export const MAP_PALETTES: Record<Theme, MapPalette> = {
  dark: { ...THEME },
  light: {
    water: '#c9dff0',
    land: '#f3f0e8',
    landOutline: '#aab6c2',
    border: '#7d8996',
    label: '#17212b',
    labelHalo: '#ffffff',
    trail: '#1f6fbf',
    selection: '#0b1118',
    cluster: '#9db7cf',
    clusterText: '#0b1118',
  },
};

/** [layer, paint property, palette colour] for every themed paint property of the app's layers. */
export const THEMED_PAINT: readonly [string, string, keyof MapPalette][] = [
  ['background', 'background-color', 'water'],
  ['basemap-land', 'fill-color', 'land'],
  ['basemap-coast', 'line-color', 'landOutline'],
  ['basemap-borders', 'line-color', 'border'],
  ['trails-line', 'line-color', 'trail'],
  ['units-cluster', 'circle-color', 'cluster'],
  ['units-cluster-count', 'text-color', 'clusterText'],
  ['units-selected', 'icon-color', 'selection'],
  ['incidents-selected', 'circle-stroke-color', 'selection'],
  ['units-symbol', 'text-color', 'label'],
  ['units-symbol', 'text-halo-color', 'labelHalo'],
];
