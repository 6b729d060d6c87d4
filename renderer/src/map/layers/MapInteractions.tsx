/** Clicks on units, incidents and clusters; a pointer cursor over anything clickable. Renders nothing. */
import { useEffect } from 'react';
import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { useMap } from '../mapContext.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { UNITS_SOURCE } from './UnitsLayer.tsx';

const CLICKABLE = ['units-symbol', 'incidents-symbol', 'units-cluster'];

export function MapInteractions() {
  const map = useMap();
  useEffect(() => {
    const layers = () => CLICKABLE.filter((id) => map.getLayer(id));
    const onClick = (e: MapMouseEvent) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: layers() })[0];
      const { select } = selectionStore.getState();
      if (!hit) return select(null);
      const id = hit.properties['id'];
      if (hit.layer.id === 'units-cluster') {
        const clusterId = Number(hit.properties['cluster_id']);
        const geometry = hit.geometry;
        void map
          .getSource<GeoJSONSource>(UNITS_SOURCE)
          ?.getClusterExpansionZoom(clusterId)
          .then((zoom) => {
            if (geometry.type === 'Point')
              map.easeTo({ center: geometry.coordinates as [number, number], zoom });
          });
      } else if (typeof id === 'string') {
        select({ kind: hit.layer.id === 'units-symbol' ? 'unit' : 'incident', id });
      }
    };
    const onMove = (e: MapMouseEvent) => {
      const over = map.queryRenderedFeatures(e.point, { layers: layers() }).length > 0;
      map.getCanvas().style.cursor = over ? 'pointer' : '';
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
    };
  }, [map]);
  return null;
}
