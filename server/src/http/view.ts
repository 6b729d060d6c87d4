/**
 * What a request may see of the live picture, shared by the snapshot, event pages, incident
 * history and OGC API routes.
 */
import type { IncomingMessage } from 'node:http';
import { policyFor, type ViewPolicy } from '#shared/redact';
import { can } from '#shared/roles';
import { identityOf } from '../security/routes.ts';
import type { Identity } from '../security/auth.ts';
import type { AuditLog } from '../security/audit.ts';

/**
 * By role and districts; an ingest device (resync of a gateway) sees it as a wall does. Views that
 * include personal data are audited.
 */
export function viewOf(req: IncomingMessage, audit: AuditLog, target: string): ViewPolicy {
  const identity = identityOf(req) as Identity;
  const { roles, districts, name } = identity.principal;
  const policy =
    can(roles, 'live.read') || can(roles, 'events.read') ? policyFor(roles, districts) : policyFor(['wall']);
  if (policy.personal)
    audit.append({
      actor: name,
      action: 'personal.view',
      target,
      details: { districts: policy.districts ?? 'all' },
    });
  return policy;
}
