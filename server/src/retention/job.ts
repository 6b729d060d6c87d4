/**
 * Retention as the server and the CLI run it: every run — and every failed one — goes to the
 * audit log with its counts. The server runs it once at start and then every `intervalMs`.
 */
import type { AuditLog } from '../security/audit.ts';
import type { Db } from '../store/db.ts';
import type { RetentionOptions } from './options.ts';
import { runRetentionAsync, type RetentionResult, type RetentionSettings } from './retention.ts';

export type RetentionTrigger = 'start' | 'schedule' | 'cli';

export const RETENTION_ACTOR = 'system:retention';

export async function auditedRetention(
  db: Db,
  audit: AuditLog,
  settings: RetentionSettings,
  trigger: RetentionTrigger,
  opts: { now?: number; stop?: () => boolean; actor?: string } = {},
): Promise<RetentionResult | undefined> {
  const started = Date.now();
  const actor = opts.actor ?? RETENTION_ACTOR;
  try {
    const result = await runRetentionAsync(db, settings, opts.now ?? started, opts.stop);
    if (!result) return undefined; // stopped by a closing server: nothing half-done to report
    audit.append({
      actor,
      action: 'retention.run',
      target: 'event log',
      details: { trigger, ...result, durationMs: Date.now() - started },
    });
    return result;
  } catch (err) {
    audit.append({
      actor,
      action: 'retention.failed',
      target: 'event log',
      details: { trigger, days: settings.days, error: err instanceof Error ? err.message : String(err) },
    });
    throw err;
  }
}

export interface RetentionSchedule {
  /** The run in progress (or the last one), for tests and for close(). */
  readonly current: Promise<RetentionResult | undefined>;
  stop(): Promise<void>;
}

/** Runs retention now and then every options.intervalMs; a run never overlaps the previous one. */
export function scheduleRetention(
  db: Db,
  audit: AuditLog,
  options: RetentionOptions,
  log: (message: string) => void,
): RetentionSchedule {
  let stopped = false;
  let current: Promise<RetentionResult | undefined> = Promise.resolve(undefined);
  const run = (trigger: RetentionTrigger) => {
    current = current
      .catch(() => undefined)
      .then(() =>
        stopped ? undefined : auditedRetention(db, audit, options, trigger, { stop: () => stopped }),
      )
      .then((r) => {
        if (r)
          log(
            `retention: events before ${new Date(r.cutoff).toISOString()} reduced — ${r.positionsDeleted} positions thinned out, ` +
              `${r.incidentsReduced + r.updatesReduced} incident events and ${r.snapshotsReduced} snapshots without personal data, ${r.notesDeleted} notes removed`,
          );
        return r;
      });
    current.catch((err: unknown) =>
      log(`retention failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  run('start');
  const timer = setInterval(() => run('schedule'), options.intervalMs).unref();
  return {
    get current() {
      return current;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current.catch(() => undefined);
    },
  };
}
