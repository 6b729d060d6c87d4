/**
 * The shipped basemap: Natural Earth 1:10m land and country borders from the world-atlas package,
 * bundled as a file of our build and converted from TopoJSON once at start.
 */
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-10m.json?url';

export interface Basemap {
  land: GeoJSON.FeatureCollection | GeoJSON.Feature;
  borders: GeoJSON.MultiLineString;
}

type WorldTopology = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

export function isWorldTopology(value: unknown): value is WorldTopology {
  if (!value || typeof value !== 'object') return false;
  const v = value as { type?: unknown; objects?: Record<string, unknown> };
  return v.type === 'Topology' && !!v.objects && 'land' in v.objects && 'countries' in v.objects;
}

export function basemapFromTopology(topo: WorldTopology): Basemap {
  return {
    land: feature(topo, topo.objects.land),
    borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
  };
}

export async function loadBasemap(signal?: AbortSignal): Promise<Basemap> {
  const res = await fetch(new URL(countriesUrl, location.href), { signal });
  if (!res.ok) throw new Error(`basemap ${res.status} ${res.statusText}`);
  const topo: unknown = await res.json();
  if (!isWorldTopology(topo)) throw new Error('basemap: not a world-atlas topology');
  return basemapFromTopology(topo);
}
