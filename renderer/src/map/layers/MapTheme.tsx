/** Repaints the map for the chosen theme (dark control room or light); renders nothing. */
import { useEffect } from 'react';
import { useMap } from '../mapContext.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { MAP_PALETTES, THEMED_PAINT } from '../../theme/themes.ts';

export function MapTheme() {
  const map = useMap();
  const theme = useSettings((s) => s.theme);
  useEffect(() => {
    const palette = MAP_PALETTES[theme];
    for (const [layer, prop, colour] of THEMED_PAINT) {
      // setPaintProperty is typed per layer kind; the table pairs each layer with a property it has.
      if (map.getLayer(layer)) map.setPaintProperty(layer, prop as 'fill-color', palette[colour]);
    }
    map.getContainer().dataset['theme'] = theme;
  }, [map, theme]);
  return null;
}
