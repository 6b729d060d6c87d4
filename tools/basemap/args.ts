/** Command-line options of `npm run basemap`; every value is checked here. */
import path from 'node:path';
import { InputError } from './errors.ts';
import { readFlags, UsageError } from '../../server/src/cliFlags.ts';

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

const FLAGS = {
  input: { type: 'string' },
  areas: { type: 'string' },
  output: { type: 'string' },
  minzoom: { type: 'string' },
  maxzoom: { type: 'string' },
  name: { type: 'string' },
  attribution: { type: 'string' },
  'road-name': { type: 'string' },
  'areas-name': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Returns undefined for --help. */
export function parseArgs(argv: readonly string[], cwd: string): BuildOptions | undefined {
  let flags;
  try {
    flags = readFlags(argv, FLAGS).values;
  } catch (e) {
    throw e instanceof UsageError ? new InputError(e.message) : e;
  }
  if (flags.help) return undefined;
  const quiet = flags.quiet ?? false;
  const values = new Map<string, string>();
  for (const [flag, value] of Object.entries(flags)) {
    if (typeof value !== 'string') continue;
    if (value === '') throw new InputError(`--${flag} needs a value`);
    values.set(`--${flag}`, value);
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
