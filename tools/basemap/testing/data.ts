/** Test helpers: the shared reference data (skipped with a reason when absent) and tile decoding. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { parseArgs, type BuildOptions } from '../args.ts';

const repo = path.resolve(import.meta.dirname, '../../..');
export const DATA = path.resolve(repo, '../shared/data');
export const LAUF_PBF = path.join(DATA, 'osm/lauf-200115.osm.pbf');
export const KOELN_ROADS = path.join(DATA, 'koeln/koeln_strassen.geojson');
export const KOELN_DISTRICTS = path.join(DATA, 'koeln/koeln_stadtbezirke.geojson');
export const KOELN_POLICE = path.join(DATA, 'koeln/amenity_police.geojson');
export const FIXTURE = path.join(DATA, 'basemap-fixture');

/** True when all files exist; otherwise prints why the dependent tests are skipped. */
export function haveData(...files: string[]): boolean {
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) console.log(`skipped: reference data missing (${missing.join(', ')})`);
  return missing.length === 0;
}

/**
 * Basemap folders for tests: the reference data and the system temp folder (tempFile), with a data
 * dir of its own that is neither.
 */
export function testPlaces(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-data-'))) {
  return { dataDir, basemapDirs: [DATA, os.tmpdir()] };
}

export function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-basemap-')), name);
}

export function options(argv: string[]): BuildOptions {
  const opts = parseArgs([...argv, '--quiet'], process.cwd());
  if (!opts) throw new Error('help requested');
  return opts;
}

export function decodeTile(data: ArrayBuffer): VectorTile {
  return new VectorTile(new PbfReader(new Uint8Array(data)));
}

export function layerProps(tile: VectorTile, layer: string): Record<string, string | number | boolean>[] {
  const l = tile.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
}
