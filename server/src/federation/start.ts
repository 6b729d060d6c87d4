/** Both sides of federation for one server: the filter its peers' views pass, its own subscriptions. */
import type { ServerConfig } from '../config.ts';
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import type { AuditLog } from '../security/audit.ts';
import { FOREIGN_BY_PREFIX } from './share.ts';
import { federationSettingsFor, type FederationSettings } from './policy.ts';
import { Sharing } from './sharing.ts';
import { AuditSummary } from './auditSummary.ts';
import { PeerSubscription, type PeerStatus } from './subscriber.ts';

export interface Federation {
  /** For attachSockets: what federation devices on /live get. */
  sharing: { filter: Sharing; settings: FederationSettings };
  /** Starts the `--federate` subscriptions (once the server listens). */
  subscribe(): void;
  peers(): PeerStatus[];
  close(): void;
}

export function federation(config: ServerConfig, lage: Lage, db: Db, audit: AuditLog): Federation {
  const settings = federationSettingsFor(config);
  const filter = new Sharing(lage, settings, audit);
  const received = new AuditSummary(
    audit,
    'federation.received',
    (peer) => `${FOREIGN_BY_PREFIX}${peer}`,
    () => settings.auditEveryMs(),
  );
  const subs: PeerSubscription[] = [];
  const log = (m: string) => config.quiet || console.error(`lagebild: ${m}`);
  return {
    sharing: { filter, settings },
    subscribe: () => {
      for (const peer of config.federate) subs.push(new PeerSubscription(lage, db, peer, received, log));
    },
    peers: () => subs.map((s) => s.status()),
    close: () => {
      for (const s of subs) s.close();
      received.close();
      filter.close();
    },
  };
}
