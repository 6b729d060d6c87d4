/**
 * The sharing side at the live hub: every batch, resume page and snapshot meant for a federation
 * peer passes here after the usual redaction (the peer's view is a room of its own, keyed by its
 * device name), is cut down to the peer's policy and counted for the audit.
 */
import { emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { AuditLog } from '../security/audit.ts';
import type { Lage } from '../lage.ts';
import { AuditSummary } from './auditSummary.ts';
import type { FederationSettings, SharePolicy } from './policy.ts';
import { shareEvents, sharePicture, type ShareLookup } from './share.ts';

/** What the hub calls for a view with `share` set (live/hub.ts). */
export interface ShareFilter {
  events(peer: string, events: readonly LageEvent[]): LageEvent[];
  picture(peer: string, picture: Picture): Picture;
}

/** The policy as the audit entry states it. */
const policyNote = (p: SharePolicy) => ({
  districts: p.districts,
  kinds: p.kinds,
  unitFields: p.unitFields,
  incidentFields: p.incidentFields,
  personal: p.personal,
  handhelds: p.handhelds,
  gridMetres: p.gridMetres ?? null,
});

export class Sharing implements ShareFilter {
  private readonly summary: AuditSummary;
  private readonly look: ShareLookup;

  constructor(
    lage: Lage,
    private readonly settings: FederationSettings,
    audit: AuditLog,
  ) {
    this.summary = new AuditSummary(
      audit,
      'federation.sent',
      (peer) => peer,
      () => settings.auditEveryMs(),
    );
    this.look = {
      unitOf: (id) => lage.picture.units[id],
      incidentOf: (id) => lage.picture.incidents[id],
    };
  }

  /** The peer's policy now; none (the entry was removed while it was connected): nothing goes out. */
  private policy(peer: string): SharePolicy | undefined {
    const r = this.settings.policyOf(peer);
    return r.ok ? r.policy : undefined;
  }

  events(peer: string, events: readonly LageEvent[]): LageEvent[] {
    const p = this.policy(peer);
    if (!p || events.length === 0) return [];
    const out = shareEvents(events, p, this.look);
    if (out.length > 0)
      this.summary.add(
        peer,
        { events: out.length, fromSeq: out[0]!.seq, toSeq: out[out.length - 1]!.seq },
        policyNote(p),
      );
    return out;
  }

  picture(peer: string, picture: Picture): Picture {
    const p = this.policy(peer);
    const out = p ? sharePicture(picture, p) : { ...emptyPicture(), seq: picture.seq };
    this.summary.add(
      peer,
      {
        snapshots: 1,
        units: Object.keys(out.units).length,
        incidents: Object.keys(out.incidents).length,
        fromSeq: picture.seq,
        toSeq: picture.seq,
      },
      p ? policyNote(p) : { policy: 'none' },
    );
    return out;
  }

  close(): void {
    this.summary.close();
  }
}
