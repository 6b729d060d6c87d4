import { HttpError } from './respond.ts';

/** A required time query parameter: epoch ms or ISO 8601. */
export function timeParam(url: URL, name: string): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') throw new HttpError(400, `${name} is required (epoch ms or ISO 8601)`);
  const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(ms)) throw new HttpError(400, `${name} must be epoch ms or an ISO 8601 date-time`);
  return ms;
}

export function intParam(
  url: URL,
  name: string,
  def: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new HttpError(
      400,
      max === Number.MAX_SAFE_INTEGER
        ? `${name} must be a whole number ≥ ${min}`
        : `${name} must be a whole number from ${min} to ${max}`,
    );
  }
  return n;
}

export function numParam(url: URL, name: string, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new HttpError(400, `${name} must be a number from ${min} to ${max}`);
  return n;
}
