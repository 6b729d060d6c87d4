/** Clicks on units, incidents and clusters; a pointer cursor over anything clickable. Renders nothing. */
import { useEffect } from 'react';
import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent, Map as MaplibreMap } from 'maplibre-gl';
import { useMap } from '../mapContext.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { UNITS_SOURCE } from './UnitsLayer.tsx';
import { pickHit, type Candidate } from '../pickHit.ts';
import { incidentLift } from '../symbolSet.ts';
import { queryFeatures } from '../queryFeatures.ts';
import { slotOffset } from '../unitSpots.ts';

const CLICKABLE = ['units-symbol', 'incidents-symbol', 'units-cluster'];
const KIND: Record<string, Candidate['kind']> = {
  'units-symbol': 'unit',
  'incidents-symbol': 'incident',
  'units-cluster': 'cluster',
};

/** The hit the click means (pickHit), with its feature. */
function pick(map: MaplibreMap, e: MapMouseEvent, layers: string[]): MapGeoJSONFeature | undefined {
  const hits = queryFeatures(map, e.point, layers);
  const iconSize = Number(map.getLayoutProperty('incidents-symbol', 'icon-size') ?? 1);
  const unitIconSize = Number(map.getLayoutProperty('units-symbol', 'icon-size') ?? 1);
  const candidates = hits.flatMap((f, i): (Candidate & { i: number })[] => {
    if (f.geometry.type !== 'Point') return [];
    const p = map.project(f.geometry.coordinates as [number, number]);
    const kind = KIND[f.layer.id] ?? 'unit';
    const lift = kind === 'incident' ? incidentLift(iconSize) : 0;
    // A unit among others at one spot is drawn in its slot around it (unitSpots.ts).
    const [dx, dy] = kind === 'unit' ? slotOffset(Number(f.properties['slot'] ?? 0)) : [0, 0];
    const x = p.x + dx * unitIconSize;
    return [{ kind, id: String(f.properties['id'] ?? ''), x, y: p.y + dy * unitIconSize - lift, i }];
  });
  const best = pickHit(e.point, candidates) as (Candidate & { i: number }) | null;
  return best ? hits[best.i] : hits[0];
}

export function MapInteractions() {
  const map = useMap();
  useEffect(() => {
    const layers = () => CLICKABLE.filter((id) => map.getLayer(id));
    const onClick = (e: MapMouseEvent) => {
      const hit = pick(map, e, layers());
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
      const over = queryFeatures(map, e.point, layers()).length > 0;
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
