/**
 * `--database`: joins this node to the log shared in PostgreSQL. The data dir's SQLite file becomes
 * this node's replica of that one log; a data dir that holds a log of its own, or the replica of
 * another database, is refused rather than mixed in.
 */
import type { Lage } from '../lage.ts';
import type { Db } from '../store/db.ts';
import { StoreIntegrityError } from '../store/integrity.ts';
import { PgLog } from '../store/pg/pgLog.ts';
import { ClusterNode } from './node.ts';

const KEY = 'cluster_id';

export interface Membership {
  node: ClusterNode;
  log: PgLog;
  close(): Promise<void>;
}

export async function joinCluster(
  lage: Lage,
  db: Db,
  url: string,
  report: (message: string) => void,
): Promise<Membership> {
  const log = await PgLog.open(url);
  try {
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (row && row.value !== log.clusterId)
      throw new StoreIntegrityError(
        `the data dir is the replica of another database (cluster ${row.value}, this one is ${log.clusterId}); give this node an empty data dir`,
      );
    if (!row && lage.seq > 0)
      throw new StoreIntegrityError(
        `the data dir holds a log of its own (seq ${lage.seq}); a node of a shared log needs an empty data dir`,
      );
    if (!row) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(KEY, log.clusterId);
    // PostgreSQL is the durable copy: the replica needs no fsync per commit (WAL + NORMAL stays
    // consistent after a crash, and what it lost is read again from PostgreSQL at start).
    db.pragma('synchronous = NORMAL');
    const node = new ClusterNode(lage, log);
    node.onError = report;
    await node.start();
    lage.shared = node;
    return {
      node,
      log,
      close: async () => {
        await node.close();
        await log.close();
      },
    };
  } catch (err) {
    await log.close().catch(() => {});
    throw err;
  }
}
