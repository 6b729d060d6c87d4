/**
 * The global event log in PostgreSQL (docs/scale-out.md): one table of events and a one-row head
 * holding the last seq handed out. The head's row lock is the cluster's commit lock: a committer
 * holds it from `beginLocked()` to COMMIT, so seqs are contiguous and in commit order.
 */
import pg from 'pg';
import type { LageEvent } from '#shared/schemas';
import { PG_MIGRATIONS } from './migrations.ts';

/** NOTIFY channel: the payload is the new head seq. */
export const LOG_CHANNEL = 'lagebild_log';
/** pg_advisory_xact_lock key under which migrations run (two nodes starting at once). */
const MIGRATION_LOCK = 0x4c616765; // 'Lage'
/** Rows per INSERT statement: one statement per block is far cheaper than one per row. */
const BLOCK = 500;

export class PgLogError extends Error {}

interface EventRow {
  seq: string;
  data: string;
}

/** Connection settings every pooled and listening connection gets. */
export function clientConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    // A node that stops answering mid-transaction (hung, cut off) must not hold the commit lock.
    idle_in_transaction_session_timeout: 10_000,
    statement_timeout: 30_000,
    application_name: 'lagebild',
  };
}

export class PgLog {
  readonly pool: pg.Pool;
  /** Told about connection errors of idle pooled clients (PostgreSQL restarted): never fatal. */
  onError: (err: Error) => void = () => {};

  private constructor(
    readonly url: string,
    readonly clusterId: string,
    pool: pg.Pool,
  ) {
    this.pool = pool;
  }

  /** Connects, applies missing migrations (refusing a newer schema) and returns the log. */
  static async open(url: string, poolSize = 8): Promise<PgLog> {
    const pool = new pg.Pool({ ...clientConfig(url), max: poolSize });
    const log = { onError: (_e: Error) => {} };
    pool.on('error', (err) => log.onError(err));
    try {
      const clusterId = await migrate(pool);
      const opened = new PgLog(url, clusterId, pool);
      pool.removeAllListeners('error');
      pool.on('error', (err) => opened.onError(err));
      return opened;
    } catch (err) {
      await pool.end().catch(() => {});
      if (err instanceof PgLogError) throw err;
      const where = url.replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/i, '$1…@');
      throw new PgLogError(`cannot open the shared log at ${where}: ${(err as Error).message}`);
    }
  }

  async head(client: pg.ClientBase | pg.Pool = this.pool): Promise<number> {
    const r = await client.query<{ seq: string }>('SELECT seq FROM log_head WHERE id = 1');
    return Number(r.rows[0]!.seq);
  }

  /**
   * BEGIN, take the commit lock (held until COMMIT/ROLLBACK) and read what was committed after
   * `afterSeq`, in one round trip: the lock is held for as few round trips as possible. Returns the
   * head and up to `limit` events after `afterSeq` (all of them up to the head when fewer).
   */
  async beginLocked(
    client: pg.ClientBase,
    afterSeq: number,
    limit: number,
  ): Promise<{ head: number; events: LageEvent[] }> {
    const results = (await client.query(
      `BEGIN; SELECT seq FROM log_head WHERE id = 1 FOR UPDATE; ` +
        `SELECT seq, data FROM events WHERE seq > ${int(afterSeq)} ORDER BY seq LIMIT ${int(limit)}`,
    )) as unknown as pg.QueryResult[];
    const head = Number((results[1]!.rows[0] as { seq: string }).seq);
    return { head, events: contiguous(results[2]!.rows as EventRow[], afterSeq) };
  }

  /**
   * Events with afterSeq < seq, at most `limit`, cut at the first gap: rows are committed in seq
   * order, so a gap can only be a reader racing a commit, and it is read again later.
   */
  async readAfter(
    afterSeq: number,
    limit: number,
    client: pg.ClientBase | pg.Pool = this.pool,
  ): Promise<LageEvent[]> {
    const r = await client.query<EventRow>(
      'SELECT seq, data FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return contiguous(r.rows, afterSeq);
  }

  /**
   * Inside the locked transaction: stores the stamped events, moves the head, wakes the tails and
   * commits. The last block, the head, NOTIFY and COMMIT go in one round trip (as literals: seqs and
   * times are checked integers, type and data are escaped by the driver).
   */
  async appendAndCommit(client: pg.ClientBase, stamped: readonly LageEvent[]): Promise<void> {
    if (stamped.length === 0) throw new PgLogError('nothing to append');
    let i = 0;
    for (; i + BLOCK < stamped.length; i += BLOCK) {
      const block = stamped.slice(i, i + BLOCK);
      const params: unknown[] = [];
      const values = block.map((e, k) => {
        params.push(e.seq, e.type, e.time, e.received, JSON.stringify(e));
        const b = k * 5;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
      });
      await client.query(
        `INSERT INTO events (seq, type, time, received, data) VALUES ${values.join(', ')}`,
        params,
      );
    }
    const rows = stamped
      .slice(i)
      .map(
        (e) =>
          `(${int(e.seq)}, ${client.escapeLiteral(String(e.type))}, ${int(e.time)}, ${int(e.received)}, ` +
          `${client.escapeLiteral(JSON.stringify(e))})`,
      );
    const last = int(stamped[stamped.length - 1]!.seq);
    await client.query(
      `INSERT INTO events (seq, type, time, received, data) VALUES ${rows.join(', ')}; ` +
        `UPDATE log_head SET seq = ${last} WHERE id = 1; ` +
        `SELECT pg_notify('${LOG_CHANNEL}', '${last}'); COMMIT`,
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function migrate(pool: pg.Pool): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY)');
    const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    const stored = r.rows[0]?.v ?? 0;
    if (stored > PG_MIGRATIONS.length)
      throw new PgLogError(
        `the database was written by a newer Lagebild (schema ${stored}, this one knows ${PG_MIGRATIONS.length})`,
      );
    for (let v = stored + 1; v <= PG_MIGRATIONS.length; v++) {
      await client.query(PG_MIGRATIONS[v - 1]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
    }
    const id = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'cluster_id'");
    await client.query('COMMIT');
    return id.rows[0]!.value;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Rows from afterSeq + 1 on, cut at the first gap (a reader racing a commit reads again later). */
function contiguous(rows: readonly EventRow[], afterSeq: number): LageEvent[] {
  const out: LageEvent[] = [];
  let expect = afterSeq + 1;
  for (const row of rows) {
    if (Number(row.seq) !== expect) break;
    out.push(parse(row));
    expect++;
  }
  return out;
}

/** An integer that may be written into SQL text as it is. */
function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new PgLogError(`not an integer: ${String(n)}`);
  return String(n);
}

function parse(row: EventRow): LageEvent {
  try {
    return JSON.parse(row.data) as LageEvent;
  } catch (err) {
    return { seq: Number(row.seq), type: `unreadable: ${(err as Error).message}` } as unknown as LageEvent;
  }
}
