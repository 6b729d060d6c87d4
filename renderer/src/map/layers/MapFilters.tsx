/**
 * Applies the operator's filters to the unit and incident layers, on top of each layer's own filter.
 * Re-applied when the filter changes, and (for id-based parts) when the panel picture refreshes,
 * but setFilter is called only when the expression really changed.
 */
import { useEffect } from 'react';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { useMap } from '../mapContext.ts';
import { currentFilter, filterStore } from '../../stores/filterStore.ts';
import { panelPictureStore } from '../../stores/panelPicture.ts';
import { incidentFilterExpression, unitFilterExpression, withBase } from '../filterExpression.ts';

const UNITS = 'units-symbol';
const INCIDENTS = 'incidents-symbol';

export function MapFilters() {
  const map = useMap();
  useEffect(() => {
    const base = {
      [UNITS]: map.getFilter(UNITS) as ExpressionSpecification | undefined,
      [INCIDENTS]: map.getFilter(INCIDENTS) as ExpressionSpecification | undefined,
    };
    const applied = { [UNITS]: '', [INCIDENTS]: '' };
    const set = (layer: typeof UNITS | typeof INCIDENTS, extra: ExpressionSpecification | null) => {
      if (!map.getLayer(layer)) return;
      const key = JSON.stringify(extra);
      if (applied[layer] === key) return;
      applied[layer] = key;
      map.setFilter(layer, withBase(base[layer], extra) as FilterSpecification | null);
    };
    const apply = () => {
      const f = currentFilter();
      const { units, incidents } = panelPictureStore.getState().picture;
      set(UNITS, unitFilterExpression(f, Object.values(units)));
      set(INCIDENTS, incidentFilterExpression(f, Object.values(incidents)));
    };
    apply();
    const unsubs = [
      filterStore.subscribe((s, p) => {
        if (
          s.districts !== p.districts ||
          s.kinds !== p.kinds ||
          s.statuses !== p.statuses ||
          s.types !== p.types
        )
          apply();
      }),
      panelPictureStore.subscribe(() => {
        const f = filterStore.getState();
        if (f.districts.length || f.kinds.length || f.types.length) apply();
      }),
    ];
    return () => {
      for (const u of unsubs) u();
    };
  }, [map]);
  return null;
}
