/**
 * Who asks a replay route and what they may see. The sign-in layer provides `ReplayAccess` (it
 * throws 401/403 for a missing permission); without one (no sign-in configured) every reader gets
 * the operator's full view, as the live picture does, but an export, which leaves the server as a
 * file, carries no personal data and no handheld positions.
 */
import type { IncomingMessage } from 'node:http';
import { FULL_VIEW, policyFor, type ViewPolicy } from '#shared/redact';
import type { Permission } from '#shared/roles';

export interface ReplayCaller {
  /** Who, for the audit log: a user or device name, or "anonymous (<address>)". */
  actor: string;
  policy: ViewPolicy;
}

/** Returns the caller if they have the permission; throws HttpError 401/403 otherwise. */
export type ReplayAccess = (req: IncomingMessage, permission: Permission) => ReplayCaller;

export const anonymousAccess: ReplayAccess = (req, permission) => ({
  actor: `anonymous (${req.socket.remoteAddress ?? 'unknown address'})`,
  policy: permission === 'export' ? policyFor([]) : FULL_VIEW,
});
