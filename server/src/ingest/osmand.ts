/**
 * The OsmAnd protocol of the Traccar Client apps and many trackers: one position per HTTP request,
 * as query parameters (GET or POST), as a form body, or as the JSON body of the newer Traccar
 * Client (location.coords …, device_id). Parameter names and unit conversions follow Traccar's
 * OsmAndProtocolDecoder: `speed` in knots (JSON coords.speed in m/s), `bearing`/`heading` in degrees,
 * `timestamp` in epoch seconds, epoch ms, ISO 8601 or "yyyy-MM-dd HH:mm:ss" (read as UTC here).
 * The `id` (or `deviceid`, JSON `device_id`) is the device token; the unit comes from the device.
 */
import type { PositionIn } from '#shared/schemas';

export const KNOT_MS = 1852 / 3600;

/** A decoded report: the token and the position without its unit (the device says which unit). */
export interface OsmAndReport {
  token: string;
  fix: Omit<PositionIn, 'unitId'>;
  /** Decoded but not kept in the picture (no field for them yet); named in the docs. */
  altitude?: number;
  battery?: number;
}

export type Decoded = { ok: true; report: OsmAndReport } | { ok: false; status: number; error: string };

const fail = (status: number, error: string): Decoded => ({ ok: false, status, error });
const SQL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ +](\d{2}):(\d{2}):(\d{2})$/;

/** Traccar's rule: a number below 2^31 is epoch seconds, above epoch ms; else ISO or SQL time. */
export function parseTimestamp(raw: string): number | undefined {
  if (/^\d{1,15}$/.test(raw)) {
    const n = Number(raw);
    return n < 2_147_483_647 ? n * 1000 : n;
  }
  const sql = SQL_TIME.exec(raw);
  if (sql) {
    const [, y, mo, d, h, mi, s] = sql.map(Number) as number[];
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  }
  if (!raw.includes('T')) return undefined;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : undefined;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
function number(params: URLSearchParams, name: string, errors: string[]): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if (!NUMBER.test(raw.trim())) {
    errors.push(`${name}: "${raw.slice(0, 40)}" is not a number`);
    return undefined;
  }
  return Number(raw);
}

/** Decodes query or form parameters (the classic OsmAnd request). */
export function decodeParams(params: URLSearchParams): Decoded {
  const token = params.get('id') ?? params.get('deviceid');
  if (!token) return fail(401, 'id (the device token from `npm run users -- add-device`) is missing');
  const errors: string[] = [];
  let lat = number(params, 'lat', errors);
  let lon = number(params, 'lon', errors);
  const location = params.get('location');
  if (location !== null && lat === undefined && lon === undefined) {
    const [a, b, ...rest] = location.split(',');
    if (rest.length || !a || !b || !NUMBER.test(a) || !NUMBER.test(b))
      errors.push(`location: "${location.slice(0, 40)}" is not "lat,lon"`);
    else [lat, lon] = [Number(a), Number(b)];
  }
  const speed = number(params, 'speed', errors);
  const course = number(params, 'bearing', errors) ?? number(params, 'heading', errors);
  const accuracy = number(params, 'accuracy', errors);
  const altitude = number(params, 'altitude', errors);
  const battery = number(params, 'batt', errors);
  const stamp = params.get('timestamp');
  const time = stamp ? parseTimestamp(stamp) : undefined;
  if (stamp && time === undefined)
    errors.push(
      `timestamp: "${stamp.slice(0, 40)}" is not epoch seconds/ms, ISO 8601 or yyyy-MM-dd HH:mm:ss`,
    );
  if (lat === undefined || lon === undefined)
    errors.push('no position: lat and lon (or location=lat,lon) are required');
  if (errors.length) return fail(400, errors.join('; '));
  return report(token, { lat: lat!, lon: lon!, speed, course, accuracy, time, altitude, battery }, KNOT_MS);
}

/** The JSON body of the Traccar Client (location object with coords, device_id). */
export function decodeJson(body: unknown): Decoded {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return fail(400, 'JSON body must be an object {"location": {...}, "device_id": "..."}');
  const o = body as Record<string, unknown>;
  const token = typeof o.device_id === 'string' ? o.device_id : undefined;
  if (!token) return fail(401, 'device_id (the device token) is missing');
  const loc = o.location as Record<string, unknown> | undefined;
  const coords =
    loc && typeof loc === 'object' ? (loc.coords as Record<string, unknown> | undefined) : undefined;
  if (!coords || typeof coords !== 'object') return fail(400, 'location.coords is missing');
  const errors: string[] = [];
  const num = (name: string): number | undefined => {
    const v = coords[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) errors.push(`location.coords.${name} is not a number`);
    return typeof v === 'number' ? v : undefined;
  };
  const lat = num('latitude');
  const lon = num('longitude');
  const stamp = loc!.timestamp;
  const time = typeof stamp === 'string' ? parseTimestamp(stamp) : undefined;
  if (stamp !== undefined && time === undefined) errors.push('location.timestamp is not an ISO 8601 time');
  if (lat === undefined || lon === undefined)
    errors.push('location.coords.latitude and longitude are required');
  const battery = (loc!.battery as { level?: unknown } | undefined)?.level;
  const fields = {
    lat: lat!,
    lon: lon!,
    speed: num('speed'),
    course: num('heading'),
    accuracy: num('accuracy'),
    altitude: num('altitude'),
    time,
    battery: typeof battery === 'number' && battery >= 0 ? Math.round(battery * 100) : undefined,
  };
  if (errors.length) return fail(400, errors.join('; '));
  return report(token, fields, 1);
}

interface Fields {
  lat: number;
  lon: number;
  speed: number | undefined;
  course: number | undefined;
  accuracy: number | undefined;
  altitude: number | undefined;
  battery: number | undefined;
  time: number | undefined;
}

/** Negative speed/course/accuracy is how the apps say "unknown": left out, not refused. */
function report(token: string, f: Fields, speedToMs: number): Decoded {
  const fix: OsmAndReport['fix'] = { lat: f.lat, lon: f.lon };
  if (f.speed !== undefined && f.speed >= 0) fix.speed = round(f.speed * speedToMs);
  if (f.course !== undefined && f.course >= 0) fix.heading = f.course;
  if (f.accuracy !== undefined && f.accuracy >= 0) fix.accuracy = f.accuracy;
  if (f.time !== undefined) fix.time = f.time;
  const r: OsmAndReport = { token, fix };
  if (f.altitude !== undefined) r.altitude = f.altitude;
  if (f.battery !== undefined) r.battery = f.battery;
  return { ok: true, report: r };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
