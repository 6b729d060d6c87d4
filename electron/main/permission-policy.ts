/**
 * Which web permissions the dashboard may use. The map and panels need none of camera, microphone,
 * geolocation, notifications, MIDI, HID, serial or USB; full screen is the only one the wall and
 * workstation views use. Anything from another origin is refused.
 */
import { webOrigin } from './url-policy.ts';

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen']);

export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined | null,
  dashboardOrigin: string,
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && webOrigin(requestingUrl) === dashboardOrigin;
}
