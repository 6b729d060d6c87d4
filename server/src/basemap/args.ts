/** Command-line options of `npm run basemap`; every value is checked here. */
import path from 'node:path';
import { InputError } from './errors.ts';

export interface BuildOptions {
  input: string;
  areas: string | undefined;
  output: string;
  minzoom: number;
  maxzoom: number;
  name: string | undefined;
  attribution: string | undefined;
  roadName: string | undefined;
  areasName: string | undefined;
  quiet: boolean;
}

export const USAGE = `Usage: npm run basemap -- --input <roads.geojson | extract.osm.pbf> --output <region.pmtiles> [options]
  --input <file>        OpenStreetMap extract (.osm.pbf) or road lines as GeoJSON (WGS84)
  --areas <file>        district polygons (GeoJSON) for the boundaries layer, labelled by name
  --output <file>       the PMTiles archive to write (replaced if it exists)
  --minzoom <n>         lowest zoom level (default 8)
  --maxzoom <n>         highest zoom level (default 15; the map overzooms beyond it)
  --name <text>         archive name in the metadata (default: the output file name)
  --attribution <text>  data credit shown on the map (default for OSM input: © OpenStreetMap contributors)
  --road-name <prop>    GeoJSON property with the street name (default: detected, e.g. name, NAME)
  --areas-name <prop>   GeoJSON property with the district name (default: detected, e.g. GEN, NAME, STB_NAME)
  --quiet               print only the summary line`;

const VALUE_FLAGS = new Set([
  '--input',
  '--areas',
  '--output',
  '--minzoom',
  '--maxzoom',
  '--name',
  '--attribution',
  '--road-name',
  '--areas-name',
]);

/** Returns undefined for --help. */
export function parseArgs(argv: readonly string[], cwd: string): BuildOptions | undefined {
  const values = new Map<string, string>();
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--quiet') {
      quiet = true;
      continue;
    }
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    if (!VALUE_FLAGS.has(flag)) throw new InputError(`unknown option "${arg}"`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
      throw new InputError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const input = values.get('--input');
  const output = values.get('--output');
  if (!input) throw new InputError('--input is required');
  if (!output) throw new InputError('--output is required');
  if (!output.endsWith('.pmtiles')) throw new InputError(`--output must end in .pmtiles, got "${output}"`);
  const zoom = (flag: string, def: number): number => {
    const raw = values.get(flag);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 20)
      throw new InputError(`${flag} must be a whole number from 0 to 20, got "${raw}"`);
    return n;
  };
  const minzoom = zoom('--minzoom', 8);
  const maxzoom = zoom('--maxzoom', 15);
  if (minzoom > maxzoom) throw new InputError(`--minzoom ${minzoom} is above --maxzoom ${maxzoom}`);
  const areas = values.get('--areas');
  return {
    input: path.resolve(cwd, input),
    areas: areas === undefined ? undefined : path.resolve(cwd, areas),
    output: path.resolve(cwd, output),
    minzoom,
    maxzoom,
    name: values.get('--name'),
    attribution: values.get('--attribution'),
    roadName: values.get('--road-name'),
    areasName: values.get('--areas-name'),
    quiet,
  };
}
