/**
 * Positions are nearly all of the ingest volume. This checks the common, valid case without zod;
 * anything it does not accept outright goes through the zod schema, which then produces the error
 * messages. A test checks that both agree on a corpus of good and bad items.
 */
import { ID_PATTERN, MAX_TIME, MIN_TIME, type PositionIn } from '#shared/schemas';

const KEYS = new Set(['unitId', 'lat', 'lon', 'heading', 'speed', 'accuracy', 'time']);

const num = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && v >= min && v <= max;
const opt = (v: unknown, min: number, max: number) => v === undefined || num(v, min, max);

export function fastPosition(raw: unknown): PositionIn | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  if (Object.getPrototypeOf(o) !== Object.prototype) return undefined;
  for (const key of Object.keys(o)) if (!KEYS.has(key)) return undefined;
  const { unitId, lat, lon, heading, speed, accuracy, time } = o;
  if (typeof unitId !== 'string' || !ID_PATTERN.test(unitId)) return undefined;
  if (!num(lat, -90, 90) || !num(lon, -180, 180)) return undefined;
  if (!opt(heading, 0, 360) || !opt(speed, 0, 150) || !opt(accuracy, 0, 100_000)) return undefined;
  if (time !== undefined && !(Number.isInteger(time) && num(time, MIN_TIME, MAX_TIME))) return undefined;
  const item: PositionIn = { unitId, lat, lon };
  if (heading !== undefined) item.heading = heading as number;
  if (speed !== undefined) item.speed = speed as number;
  if (accuracy !== undefined) item.accuracy = accuracy as number;
  if (time !== undefined) item.time = time as number;
  return item;
}
