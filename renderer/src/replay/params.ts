/**
 * The replay route: `/?mode=replay&dataset=&from=&to=&t=&speed=&incident=`. Times are epoch ms, ISO
 * 8601 with an offset, or wall-clock time without one (`2026-11-26T10:00`) of the data's zone, as
 * the replay shows it: Berlin for the live log, an imported dataset's own zone (issue 16). Bad
 * values come back as problems to show, never as exceptions.
 */
import { berlinToEpoch } from '../charts/shift.ts';
import { TIME_ZONE } from '../i18n/i18n.ts';
import { epochOfWallClock } from '../i18n/zonedTime.ts';
import { DEFAULT_SPEED, isSpeed, type Speed } from './speeds.ts';

export const LIVE_DATASET = 'live';
const DATASET_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

export interface ReplayParams {
  dataset: string;
  from?: number;
  to?: number;
  t?: number;
  speed: Speed;
  /** Incident id or number: replay this incident (its period is found from the data). */
  incident?: string;
  /** Why this replay is opened; recorded by the server in the audit log with who and which period. */
  reason?: string;
}

/** The longest reason the server accepts. */
export const MAX_REASON = 200;

export type ParamProblem =
  | { key: 'replay.bad.dataset'; value: string }
  | { key: 'replay.bad.time'; name: string; value: string }
  | { key: 'replay.bad.speed'; value: string }
  | { key: 'replay.bad.incident'; value: string }
  | { key: 'replay.bad.order' }
  | { key: 'replay.bad.reason' };

export type ParsedParams = { ok: true; value: ReplayParams } | { ok: false; problems: ParamProblem[] };

export const isReplayMode = (search: string): boolean => new URLSearchParams(search).get('mode') === 'replay';

/**
 * Epoch ms, ISO 8601 with offset, or local `YYYY-MM-DD[T ]HH:mm[:ss]` of `zone` (default Berlin);
 * null when unreadable.
 */
export function parseTime(value: string, zone: string = TIME_ZONE): number | null {
  const v = value.trim();
  if (/^\d{10,14}$/.test(v)) return Number(v);
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((x) => Number(x ?? 0)) as number[];
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return null;
    const rest = mi! * 60_000 + s! * 1000;
    if (zone === TIME_ZONE) return berlinToEpoch(y!, mo!, d!, h!) + rest;
    return epochOfWallClock(zone, { year: y!, month: mo!, day: d!, hour: h!, minute: 0 }) + rest;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}

/** `zone`: the data's zone, for times without an offset (the dataset's, once the catalogue names it). */
export function parseReplayParams(search: string, zone?: string): ParsedParams {
  const q = new URLSearchParams(search);
  const problems: ParamProblem[] = [];
  const out: ReplayParams = { dataset: LIVE_DATASET, speed: DEFAULT_SPEED };
  const dataset = q.get('dataset');
  if (dataset !== null && dataset !== '') {
    if (DATASET_RE.test(dataset)) out.dataset = dataset;
    else problems.push({ key: 'replay.bad.dataset', value: dataset });
  }
  for (const name of ['from', 'to', 't'] as const) {
    const raw = q.get(name);
    if (raw === null || raw === '') continue;
    const ms = parseTime(raw, zone);
    if (ms === null) problems.push({ key: 'replay.bad.time', name, value: raw });
    else out[name] = ms;
  }
  const speed = q.get('speed');
  if (speed !== null && speed !== '') {
    const n = Number(speed.replace(',', '.').replace(/[x×]$/, ''));
    if (isSpeed(n)) out.speed = n;
    else problems.push({ key: 'replay.bad.speed', value: speed });
  }
  const incident = q.get('incident');
  if (incident !== null && incident !== '') {
    if (ID_RE.test(incident)) out.incident = incident;
    else problems.push({ key: 'replay.bad.incident', value: incident });
  }
  const reason = q.get('reason')?.trim();
  if (reason) {
    if (reason.length <= MAX_REASON) out.reason = reason;
    else problems.push({ key: 'replay.bad.reason' });
  }
  if (out.from !== undefined && out.to !== undefined && !(out.to > out.from))
    problems.push({ key: 'replay.bad.order' });
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}

/** The query string of a replay route (`?mode=replay&…`), times as epoch ms. */
export function replaySearch(p: Partial<ReplayParams>): string {
  const q = new URLSearchParams({ mode: 'replay' });
  if (p.dataset && p.dataset !== LIVE_DATASET) q.set('dataset', p.dataset);
  for (const name of ['from', 'to', 't'] as const) {
    const v = p[name];
    if (v !== undefined) q.set(name, String(Math.round(v)));
  }
  if (p.speed !== undefined) q.set('speed', String(p.speed));
  if (p.incident) q.set('incident', p.incident);
  if (p.reason) q.set('reason', p.reason);
  return `?${q.toString()}`;
}

/** Margins of "replay incident N": from a little before the first call to a while after closure. */
export const INCIDENT_BEFORE_MS = 5 * 60_000;
export const INCIDENT_AFTER_MS = 10 * 60_000;

/** The period of an incident replay; an incident still open runs until `now`. */
export function incidentPeriod(
  times: { opened: number; closed?: number | undefined },
  now: number,
): { from: number; to: number } {
  const from = times.opened - INCIDENT_BEFORE_MS;
  const end = times.closed !== undefined ? times.closed + INCIDENT_AFTER_MS : now;
  return { from, to: Math.max(from + 60_000, Math.min(end, now)) };
}
