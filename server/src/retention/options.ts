/**
 * Retention settings, shared by the server's config (--retention-*, LAGEBILD_RETENTION_*) and
 * `npm run retention`. Every value is checked here; a bad one is a clear error naming the flag.
 */
export interface RetentionOptions {
  /** Events that happened more than this many days ago are reduced. */
  days: number;
  /** Positions older than the limit are thinned to the last fix per unit per this many minutes. */
  thinMinutes: number;
  /** How often the server runs retention (besides once at start). */
  intervalMs: number;
}

export class RetentionConfigError extends Error {}

export const RETENTION_DEFAULTS = { thinMinutes: 5, intervalMinutes: 60 } as const;
export const MAX_RETENTION_DAYS = 36_500;

type Lookup = (flag: string, envName: string) => string | undefined;

function wholeNumber(get: Lookup, flag: string, envName: string, min: number, max: number, unit: string) {
  const raw = get(flag, envName);
  if (raw === undefined) return undefined;
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw new RetentionConfigError(
      `${flag} (${envName}) must be a whole number of ${unit} from ${min} to ${max}, got "${raw}"`,
    );
  return n;
}

/**
 * Retention from flags/environment; undefined when --retention-days is not set (everything is kept).
 * `0` days is refused rather than read as "off": it would reduce everything up to this moment.
 */
export function parseRetention(get: Lookup): RetentionOptions | undefined {
  const days = wholeNumber(get, '--retention-days', 'LAGEBILD_RETENTION_DAYS', 1, MAX_RETENTION_DAYS, 'days');
  const thin = wholeNumber(
    get,
    '--retention-thin-minutes',
    'LAGEBILD_RETENTION_THIN_MINUTES',
    1,
    1440,
    'minutes',
  );
  const every = wholeNumber(
    get,
    '--retention-every-minutes',
    'LAGEBILD_RETENTION_EVERY_MINUTES',
    1,
    1440,
    'minutes',
  );
  if (days === undefined) {
    if (thin !== undefined || every !== undefined)
      throw new RetentionConfigError(
        '--retention-thin-minutes and --retention-every-minutes need --retention-days (LAGEBILD_RETENTION_DAYS)',
      );
    return undefined;
  }
  return {
    days,
    thinMinutes: thin ?? RETENTION_DEFAULTS.thinMinutes,
    intervalMs: (every ?? RETENTION_DEFAULTS.intervalMinutes) * 60_000,
  };
}
