/**
 * The demo region the app ships (assets/demo-region, built by `npm run demo-region`): Köln's streets,
 * Stadtbezirke, police and fire stations and hospitals. `npm run serve -- --simulate` without a road
 * network of its own, and the desktop app's embedded default, start on it, so the first minute shows
 * a real city. `--region <dir>` points at another region folder of the same layout; `--region none`
 * switches it off.
 */
import fs from 'node:fs';
import path from 'node:path';

export const DEMO_FILES = {
  basemap: 'koeln.pmtiles',
  /** Straßenabschnitte: the simulator's road graph and the geocoder's register in one file. */
  streets: 'streets.geojson',
  /** Stadtbezirke: the districts of incidents and units. */
  districts: 'districts.geojson',
  police: 'police.geojson',
  fire: 'fire_stations.geojson',
  hospitals: 'hospitals.geojson',
  settings: 'settings.json',
} as const;

export const DEMO_ATTRIBUTION = 'Stadt Köln (CC BY) · © OpenStreetMap contributors';

/** The basemap settings of the region (relative paths: they resolve next to the settings file). */
export function demoSettings(): object {
  return {
    basemap: { type: 'pmtiles', path: DEMO_FILES.basemap },
    overlays: [
      { kind: 'districts', id: 'stadtbezirke', path: DEMO_FILES.districts },
      { kind: 'stations', id: 'polizei', path: DEMO_FILES.police },
      { kind: 'stations', id: 'feuerwehr', path: DEMO_FILES.fire },
      { kind: 'stations', id: 'krankenhaus', path: DEMO_FILES.hospitals },
    ],
  };
}

export interface Region {
  dir: string;
  settings: string;
  streets: string;
  districts: string;
  police: string;
}

/** Where the shipped region lies: next to the sources (repo) or next to the build (dist/server). */
export function defaultRegionDir(): string | undefined {
  const here = import.meta.dirname;
  const candidates = [
    path.resolve(here, '../../../assets/demo-region'), // server/src/demo → assets
    path.resolve(here, '../../assets/demo-region'), // dist/server → assets
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, DEMO_FILES.settings)));
}

/** The files of a region folder; undefined when a file is missing (the caller says so). */
export function regionAt(dir: string): Region | { missing: string } {
  const f = (name: string) => path.join(dir, name);
  for (const name of [DEMO_FILES.settings, DEMO_FILES.streets, DEMO_FILES.districts, DEMO_FILES.police])
    if (!fs.existsSync(f(name))) return { missing: f(name) };
  return {
    dir,
    settings: f(DEMO_FILES.settings),
    streets: f(DEMO_FILES.streets),
    districts: f(DEMO_FILES.districts),
    police: f(DEMO_FILES.police),
  };
}
