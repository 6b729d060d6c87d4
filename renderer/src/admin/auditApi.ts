/**
 * The audit log API (GET /api/v1/audit, /audit/verify, /audit/export) as the admin view uses it.
 * The session cookie travels with every request; the server decides (permission audit.read).
 */
import { z } from 'zod';
import { authStore } from '../auth/session.ts';

export const auditEntrySchema = z.object({
  id: z.number(),
  time: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const pageSchema = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.number().nullable() });
export type AuditPage = z.infer<typeof pageSchema>;

const verifySchema = z.union([
  z.object({ ok: z.literal(true), entries: z.number(), head: z.string() }),
  z.object({ ok: z.literal(false), entries: z.number(), problem: z.string() }),
]);
export type AuditVerify = z.infer<typeof verifySchema>;

export interface AuditFilter {
  /** Epoch ms. */
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
}

export const PAGE_SIZE = 100;

export function auditUrl(path: string, filter: AuditFilter, extra: Record<string, string> = {}): string {
  const url = new URL(`/api/v1/audit${path}`, authStore.getState().serverUrl || location.origin);
  for (const [k, v] of Object.entries({ ...filter, ...extra }))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.href;
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { credentials: 'include' });
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

/** One page, newest first; pass the previous page's nextCursor for older entries. */
export async function fetchAuditPage(filter: AuditFilter, cursor?: number): Promise<AuditPage> {
  const extra: Record<string, string> = { order: 'desc', limit: String(PAGE_SIZE) };
  if (cursor !== undefined) extra.cursor = String(cursor);
  return pageSchema.parse(await getJson(auditUrl('', filter, extra)));
}

export async function verifyAuditChain(): Promise<AuditVerify> {
  return verifySchema.parse(await getJson(auditUrl('/verify', {})));
}

export const exportUrl = (format: 'csv' | 'jsonl', filter: AuditFilter): string =>
  auditUrl('/export', filter, { format });
