/** Command-line parsing: strings to checked options, with one clear message per mistake. */
import { parseArgs } from 'node:util';
import { SimulatorInputError } from './errors.ts';
import { DEFAULTS, resolveOptions, type ResolvedOptions } from './options.ts';

export const USAGE = `Usage: npm run simulate -- --url http://127.0.0.1:PORT --token TOKEN [options]

  --url <url>[,<url>…]   Lage server base URL, or several nodes of one cluster (required; or env LAGEBILD_SERVER_URL)
  --token <token>        ingest token (required; or env LAGEBILD_INGEST_TOKEN)
  --seed <n>             scenario seed, integer (default ${DEFAULTS.seed})
  --units <n>            number of units (default ${DEFAULTS.units})
  --roads <file>         road network, GeoJSON (Multi)LineStrings (default: generated grid)
  --stations <file>      police stations, GeoJSON Points (default: generated)
  --districts <file>     district polygons, GeoJSON: incidents and units carry their district
  --center <lat,lon>     centre of the generated grid (default 51.2277,6.7735 = Düsseldorf)
  --rate <n>             incidents per hour, weekly average (default ${DEFAULTS.ratePerHour})
  --speed <factor>       simulated seconds per real second (default ${DEFAULTS.speed})
  --parent-pid <pid>     exit when this process ends (for servers that spawn the simulator)
  --help                 show this help`;

export interface CliOptions extends ResolvedOptions {
  parentPid?: number;
  help: boolean;
}

function num(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new SimulatorInputError(`--${name} must be a number, got "${text}"`);
  }
  return value;
}

function center(text: string | undefined): { lat: number; lon: number } | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => Number(p.trim()));
  const [lat, lon] = parts;
  if (parts.length !== 2 || lat === undefined || lon === undefined || !parts.every(Number.isFinite)) {
    throw new SimulatorInputError(`--center must be "lat,lon", e.g. 51.2277,6.7735, got "${text}"`);
  }
  return { lat, lon };
}

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        seed: { type: 'string' },
        units: { type: 'string' },
        roads: { type: 'string' },
        stations: { type: 'string' },
        districts: { type: 'string' },
        center: { type: 'string' },
        rate: { type: 'string' },
        speed: { type: 'string' },
        'parent-pid': { type: 'string' },
        // Accepted so a server can pass its own flag through unchanged.
        simulate: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new SimulatorInputError((e as Error).message);
  }
  const placeholder = { url: 'http://127.0.0.1', token: '-' };
  if (values.help) return { ...resolveOptions(placeholder), help: true };
  // Several nodes may be listed (comma-separated), on the flag or in LAGEBILD_SERVER_URL.
  const url = values.url ?? env.LAGEBILD_SERVER_URL;
  if (url === undefined) throw new SimulatorInputError('--url is required');
  const token = values.token ?? env.LAGEBILD_INGEST_TOKEN;
  if (token === undefined || token === '') throw new SimulatorInputError('--token is required');
  const opts = resolveOptions({
    url,
    token,
    ...defined('seed', num('seed', values.seed)),
    ...defined('units', num('units', values.units)),
    ...defined('ratePerHour', num('rate', values.rate)),
    ...defined('speed', num('speed', values.speed)),
    ...defined('center', center(values.center)),
    ...defined('roadsFile', values.roads),
    ...defined('stationsFile', values.stations),
    ...defined('districtsFile', values.districts),
  });
  const parentPid = num('parent-pid', values['parent-pid']);
  if (parentPid !== undefined && (!Number.isInteger(parentPid) || parentPid <= 0)) {
    throw new SimulatorInputError(`--parent-pid must be a positive integer, got "${values['parent-pid']}"`);
  }
  return parentPid === undefined ? { ...opts, help: false } : { ...opts, parentPid, help: false };
}

/** Spreads { key: value } only when the value is set (the options are exact about absent keys). */
function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
