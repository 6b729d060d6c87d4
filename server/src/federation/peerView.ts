import type { ViewPolicy } from '#shared/redact';
import type { SharePolicy } from './policy.ts';

/** A federation device connected without a policy for it in the settings file: refused (403). */
export class NoSharingPolicy extends Error {}

/**
 * The view a federation peer gets from the common redaction (districts, personal data, handhelds);
 * `share` then applies the rest of its policy (share.ts). Commands are refused to it (read-only).
 */
export function peerView(device: string, p: SharePolicy): ViewPolicy {
  return {
    personal: p.personal,
    handhelds: p.handhelds,
    ...(p.districts === '*' ? {} : { districts: p.districts }),
    share: device,
  };
}
