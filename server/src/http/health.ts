/**
 * GET /api/v1/health (public): `{status:"ok", seq, quarantined}` while all is well. When a write to the data dir
 * failed (a full disk) or a background job is failing, `status` is "degraded" and `problems` says
 * what, since when and when the next try is — kinds and error codes only, nothing personal.
 */
import type { Lage } from '../lage.ts';
import type { AuditLog } from '../security/audit.ts';
import type { Jobs, JobProblem } from '../jobs.ts';
import type { WriteHealth } from '../store/diskFull.ts';

export interface WriteProblem {
  /** 'shared log': PostgreSQL of a node with --database (docs/scale-out.md). */
  store: 'event log' | 'audit log' | 'shared log';
  failingSince: number;
  error: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  seq: number;
  /** Events of the log start-up could not fold and left out (docs/security.md); 0 when healthy. */
  quarantined: number;
  problems?: (JobProblem | WriteProblem)[];
}

export function healthBody(lage: Lage, audit: AuditLog, jobs: Jobs): Health {
  const write = (store: WriteProblem['store'], w: WriteHealth): WriteProblem[] =>
    w.failingSince === undefined ? [] : [{ store, failingSince: w.failingSince, error: w.error ?? '' }];
  const problems = [
    ...write('event log', lage.writes),
    ...(lage.shared ? write('shared log', lage.shared.health) : []),
    ...write('audit log', audit.writes),
    ...jobs.problems(),
  ];
  const quarantined = lage.quarantined.length;
  return problems.length === 0
    ? { status: 'ok', seq: lage.seq, quarantined }
    : { status: 'degraded', seq: lage.seq, quarantined, problems };
}
