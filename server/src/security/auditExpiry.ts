/**
 * Audit entries are personal data too (who looked at what, from which address) and are deleted
 * after a period: by default as BDSG § 76 (4) asks of protocol data, at the end of the year after
 * the one they were written in (Europe/Berlin), or after `--audit-retention <days>`; `off` keeps
 * them. The chain stays verifiable: it then starts at a sealed base (audit.ts expire()).
 */
import type { AuditLog, ExpiryResult } from './audit.ts';

export type AuditRetention = { kind: 'end-of-next-year' } | { kind: 'days'; days: number } | { kind: 'off' };

export const AUDIT_RETENTION_ACTOR = 'system:audit-retention';

export class AuditRetentionError extends Error {}

/** `end-of-next-year` (default), a whole number of days (1-36500) or `off`. */
export function parseAuditRetention(raw: string | undefined): AuditRetention {
  if (raw === undefined || raw === 'end-of-next-year') return { kind: 'end-of-next-year' };
  if (raw === 'off') return { kind: 'off' };
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 36_500)
    throw new AuditRetentionError(
      `--audit-retention must be end-of-next-year, off or a whole number of days from 1 to 36500, got "${raw}"`,
    );
  return { kind: 'days', days };
}

/** The year of an instant on the German civil calendar. */
function berlinYear(t: number): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(t));
}

/**
 * Entries written before this instant are due for deletion. End of next year: in year Y, entries of
 * Y-2 and earlier, i.e. before 1 January of Y-1, 00:00 in Berlin (CET, UTC+1: never summer time).
 */
export function auditCutoff(rule: AuditRetention, now: number): number | undefined {
  if (rule.kind === 'off') return undefined;
  if (rule.kind === 'days') return now - rule.days * 86_400_000;
  return Date.UTC(berlinYear(now) - 1, 0, 1) - 3_600_000;
}

/** One run: deletes what is due and records it (an entry of its own, after the deletion). */
export function expireAudit(
  audit: AuditLog,
  rule: AuditRetention,
  now = Date.now(),
): ExpiryResult | undefined {
  const before = auditCutoff(rule, now);
  if (before === undefined) return undefined;
  const result = audit.expire(before, now);
  if (result.deleted > 0)
    audit.append(
      {
        actor: AUDIT_RETENTION_ACTOR,
        action: 'audit.expired',
        target: 'audit log',
        details: {
          rule: rule.kind === 'days' ? `${rule.days} days` : rule.kind,
          before: new Date(before).toISOString(),
          deleted: result.deleted,
          throughId: result.throughId,
        },
      },
      now,
    );
  return result;
}
