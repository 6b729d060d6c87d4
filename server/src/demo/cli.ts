/**
 * `npm run demo-region [-- --source <data dir> --output <dir>]`: rebuilds the demo region the app
 * ships (assets/demo-region) from the public reference data (../shared/data): the basemap archive
 * through `npm run basemap`, and compact street, district and station files. Exit 0 written,
 * 2 missing or bad input, 1 anything else. docs/basemaps.md#the-demo-region describes the result.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idMap } from '#shared/idMap';
import { GeoFileError, readFeatures } from '../geo/geojson.ts';
import { compactAreas, compactPoints, compactStreets, type OutCollection } from './compact.ts';
import { DEMO_ATTRIBUTION, DEMO_FILES, demoSettings } from './region.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const USAGE = `Usage: npm run demo-region -- [--source <data dir, default ../shared/data>] [--output <dir, default assets/demo-region>]`;

function option(argv: readonly string[], name: string, def: string): string {
  const i = argv.indexOf(name);
  if (i < 0) return def;
  const v = argv[i + 1];
  if (!v || v.startsWith('--')) throw new GeoFileError(`${name} needs a value`);
  return v;
}

function write(file: string, fc: OutCollection | object): number {
  const text = JSON.stringify(fc);
  fs.writeFileSync(file, text + '\n');
  return text.length;
}

function main(argv: readonly string[]): number {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  for (let i = 0; i < argv.length; i += 2)
    if (argv[i] !== '--source' && argv[i] !== '--output')
      throw new GeoFileError(`unknown option ${argv[i]}\n${USAGE}`);
  const source = path.resolve(option(argv, '--source', path.join(repoRoot, '..', 'shared', 'data')));
  const out = path.resolve(option(argv, '--output', path.join(repoRoot, 'assets', 'demo-region')));
  const koeln = (f: string) => path.join(source, 'koeln', f);
  for (const f of [
    'koeln_strassen.geojson',
    'koeln_strassenabschnitte.geojson',
    'koeln_stadtteile.geojson',
    'koeln_stadtbezirke.geojson',
  ])
    if (!fs.existsSync(koeln(f)))
      throw new GeoFileError(`${koeln(f)} not found: give --source <folder holding koeln/>`);
  fs.mkdirSync(out, { recursive: true });

  // Stadtteil numbers start with their Stadtbezirk's number (909 Flittard lies in 9 Mülheim).
  const bezirke = readFeatures(koeln('koeln_stadtbezirke.geojson'));
  const bezirkOf = new Map(
    bezirke.map((f) => [String(f.properties?.['STB_NR']), String(f.properties?.['STB_NAME'])]),
  );
  const stadtteile = compactAreas(
    readFeatures(koeln('koeln_stadtteile.geojson')),
    ['STT_NAME'],
    (f): Record<string, string> => {
      const b = bezirkOf.get(String(f.properties?.['STT_NR'] ?? '').slice(0, 1));
      return b ? { bezirk: b } : {};
    },
  );
  const sizes = idMap<number>();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-region-'));
  try {
    const areasFile = path.join(tmp, 'stadtteile.geojson');
    write(areasFile, stadtteile);
    sizes[DEMO_FILES.streets] = write(
      path.join(out, DEMO_FILES.streets),
      compactStreets(readFeatures(koeln('koeln_strassenabschnitte.geojson'))),
    );
    sizes[DEMO_FILES.districts] = write(
      path.join(out, DEMO_FILES.districts),
      compactAreas(bezirke, ['STB_NAME']),
    );
    sizes[DEMO_FILES.police] = write(
      path.join(out, DEMO_FILES.police),
      compactPoints(readFeatures(koeln('amenity_police.geojson')), 'Polizei'),
    );
    sizes[DEMO_FILES.fire] = write(
      path.join(out, DEMO_FILES.fire),
      compactPoints(readFeatures(koeln('amenity_fire_station.geojson')), 'Feuerwache'),
    );
    sizes[DEMO_FILES.hospitals] = write(
      path.join(out, DEMO_FILES.hospitals),
      compactPoints(readFeatures(koeln('amenity_hospital.geojson')), 'Krankenhaus'),
    );
    // The project's own basemap builder, run as a user would.
    execFileSync(
      'npm',
      [
        'run',
        '--silent',
        'basemap',
        '--',
        '--input',
        // Whole streets (not their segments), so the builder can tell main roads by their length.
        koeln('koeln_strassen.geojson'),
        '--areas',
        areasFile,
        '--output',
        path.join(out, DEMO_FILES.basemap),
        '--name',
        'Köln (Lagebild-Demo)',
        '--attribution',
        DEMO_ATTRIBUTION,
        '--quiet',
      ],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    sizes[DEMO_FILES.basemap] = fs.statSync(path.join(out, DEMO_FILES.basemap)).size;
    sizes[DEMO_FILES.settings] = write(path.join(out, DEMO_FILES.settings), demoSettings());
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const total = Object.values(sizes).reduce((s, v) => s + v, 0);
  const list = Object.entries(sizes).map(([f, b]) => `${f} ${(b / 1e3).toFixed(0)} kB`);
  console.log(`demo-region: wrote ${out}: ${list.join(', ')}; ${(total / 1e6).toFixed(1)} MB in all`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof GeoFileError)) throw e;
  console.error(`demo-region: ${e.message}`);
  process.exitCode = 2;
}
