/** Simulator options with their defaults and checks; shared by the CLI and `startSimulator`. */
import { SimulatorInputError } from './errors.ts';

export interface SimulatorOptions {
  /**
   * Base URL of the Lage server, e.g. http://127.0.0.1:8080, or several nodes of one cluster,
   * comma-separated (docs/scale-out.md): the simulator moves to the next when one cannot be reached.
   */
  url: string;
  /** Ingest token (sent as `Authorization: Bearer <token>`). */
  token: string;
  seed?: number;
  units?: number;
  roadsFile?: string;
  stationsFile?: string;
  /** District polygons (GeoJSON): incidents and units carry the district they lie in. */
  districtsFile?: string;
  center?: { lat: number; lon: number };
  /** Incidents per hour, weekly average. */
  ratePerHour?: number;
  /** Simulated seconds per wall-clock second. */
  speed?: number;
  /** Where simulated time starts (epoch ms); default: when the server first answers. */
  startTime?: number;
  /** Where progress lines go; default stdout. */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<
  Omit<SimulatorOptions, 'roadsFile' | 'stationsFile' | 'districtsFile' | 'center' | 'startTime'>
> &
  Pick<SimulatorOptions, 'roadsFile' | 'stationsFile' | 'districtsFile' | 'center' | 'startTime'>;

/** 28 incidents an hour keep 30-60 % of 60 units available by day (docs/simulator.md#realism). */
export const DEFAULTS = { seed: 1, units: 60, ratePerHour: 28, speed: 1 } as const;
export const LIMITS = { units: 5000, ratePerHour: 10_000, speed: 1000 } as const;

function check(ok: boolean, message: string): void {
  if (!ok) throw new SimulatorInputError(message);
}

export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  const urls = o.url.split(',').map((u) => u.trim().replace(/\/+$/, ''));
  for (const u of urls) {
    let url: URL | undefined;
    try {
      url = new URL(u);
    } catch {
      url = undefined;
    }
    check(url !== undefined && /^https?:$/.test(url.protocol), `url must be an http(s) URL, got "${u}"`);
  }
  check(typeof o.token === 'string' && o.token.length > 0, 'token must not be empty');
  const r: ResolvedOptions = {
    url: urls.join(','),
    token: o.token,
    seed: o.seed ?? DEFAULTS.seed,
    units: o.units ?? DEFAULTS.units,
    ratePerHour: o.ratePerHour ?? DEFAULTS.ratePerHour,
    speed: o.speed ?? DEFAULTS.speed,
    log: o.log ?? ((line) => console.log(line)),
  };
  check(
    Number.isInteger(r.seed) && r.seed >= 0 && r.seed <= 0xffffffff,
    `seed must be an integer 0..4294967295`,
  );
  check(
    Number.isInteger(r.units) && r.units >= 1 && r.units <= LIMITS.units,
    `units must be an integer 1..${LIMITS.units}`,
  );
  check(
    r.ratePerHour >= 0 && r.ratePerHour <= LIMITS.ratePerHour,
    `rate must be 0..${LIMITS.ratePerHour} incidents per hour`,
  );
  check(
    r.speed > 0 && r.speed <= LIMITS.speed,
    `speed must be a time factor above 0 and at most ${LIMITS.speed}`,
  );
  if (o.center) {
    const { lat, lon } = o.center;
    check(
      Math.abs(lat) <= 85 && Math.abs(lon) <= 180,
      'center must be lat,lon with |lat| ≤ 85 and |lon| ≤ 180',
    );
    r.center = o.center;
  }
  if (o.roadsFile !== undefined) r.roadsFile = o.roadsFile;
  if (o.stationsFile !== undefined) r.stationsFile = o.stationsFile;
  if (o.districtsFile !== undefined) r.districtsFile = o.districtsFile;
  if (o.startTime !== undefined) {
    check(
      Number.isFinite(o.startTime) && o.startTime > Date.UTC(2000, 0, 1),
      'startTime must be epoch ms after 2000',
    );
    r.startTime = o.startTime;
  }
  return r;
}
