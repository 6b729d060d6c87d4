/**
 * The audit log: who did what, when, and why — kept apart from the event log, append-only and
 * tamper-evident. Each entry carries the SHA-256 of its content chained to the previous entry's
 * hash; changing, inserting or deleting any entry breaks every hash after it. Triggers refuse
 * UPDATE and DELETE, and the head hash is also written to a separate anchor file, so rewriting
 * the whole chain is detected as well.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { privateDatabaseFile } from '../store/privateFile.ts';
import { WriteHealth } from '../store/diskFull.ts';

export interface AuditInput {
  actor: string;
  action: string;
  target?: string;
  /** Why (a replay's reason, for example) and any other detail. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends Required<Omit<AuditInput, 'details'>> {
  id: number;
  time: number;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  /** Entries after this id (the paging cursor, oldest first). */
  afterId?: number;
  /** Newest first, entries before this id (the paging cursor; Infinity = from the newest). */
  beforeId?: number;
  limit?: number;
  actor?: string;
  action?: string;
  /** Entries with from <= time < to (epoch ms). */
  from?: number;
  to?: number;
}

function auditWhere(q: AuditQuery): { where: string; params: Record<string, unknown> } {
  const parts = ['id > @afterId'];
  const params: Record<string, unknown> = { afterId: q.afterId ?? 0 };
  const add = (sql: string, key: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(sql);
    params[key] = value;
  };
  add('id < @beforeId', 'beforeId', q.beforeId === Infinity ? Number.MAX_SAFE_INTEGER : q.beforeId);
  add('actor = @actor', 'actor', q.actor);
  add('action = @action', 'action', q.action);
  add('time >= @from', 'from', q.from);
  add('time < @to', 'to', q.to);
  return { where: parts.join(' AND '), params };
}

const GENESIS = '0'.repeat(64);
const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

interface Row {
  id: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(
  prevHash: string,
  e: { id: number; time: number; actor: string; action: string; target: string; details: string },
): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.id, e.time, e.actor, e.action, e.target, e.details]))
    .digest('hex');
}

export class AuditLog {
  private readonly db: Database.Database;
  private readonly appendTx;
  private readonly anchorFile: string;
  /** Whether the last append failed (a full disk), for GET /api/v1/health. */
  readonly writes = new WriteHealth();

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.db = new Database(privateDatabaseFile(path.join(dataDir, 'audit.sqlite')));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    const insert = this.db.prepare(
      'INSERT INTO audit (id, time, actor, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const last = this.db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
    // The head is read inside the write transaction, not cached: the server and a CLI (retention,
    // user management) may append to the same file, and each must chain onto the other's entries.
    this.appendTx = this.db.transaction((input: AuditInput, time: number): AuditEntry => {
      const head = (last.get() as { id: number; hash: string } | undefined) ?? { id: 0, hash: GENESIS };
      const e = {
        id: head.id + 1,
        time,
        actor: input.actor,
        action: input.action,
        target: input.target ?? '',
        details: JSON.stringify(input.details ?? {}),
      };
      const hash = entryHash(head.hash, e);
      insert.run(e.id, e.time, e.actor, e.action, e.target, e.details, head.hash, hash);
      return { ...e, details: input.details ?? {}, prevHash: head.hash, hash };
    });
    this.anchorFile = path.join(dataDir, 'audit.anchor');
  }

  /**
   * Appends one entry; throws when it cannot be stored (a full disk): whatever needed the record
   * must then not happen (reads that must be audited fail closed).
   */
  append(input: AuditInput, time = Date.now()): AuditEntry {
    let entry: AuditEntry;
    try {
      entry = this.appendTx.immediate(input, time);
    } catch (err) {
      this.writes.failed(err);
      throw err;
    }
    this.writes.succeeded();
    // The anchor is written after the commit: a crash in between leaves an anchor one entry behind,
    // which verify accepts (the anchor must be a prefix of the chain).
    // Another process may have appended (and anchored) a later entry meanwhile: never move back.
    if ((readAnchor(path.dirname(this.anchorFile))?.id ?? 0) < entry.id) {
      // Whole or not at all (a full disk must not leave a truncated anchor); the entry itself is
      // stored, so a failed anchor only lags behind, which verify accepts.
      const tmp = `${this.anchorFile}.tmp`;
      try {
        fs.writeFileSync(tmp, `${entry.id} ${entry.hash}\n`, { mode: 0o600 });
        fs.renameSync(tmp, this.anchorFile);
      } catch (err) {
        this.writes.failed(err);
      }
    }
    return entry;
  }

  list(opts: AuditQuery = {}): AuditEntry[] {
    const { where, params } = auditWhere(opts);
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE ${where} ORDER BY id ${opts.beforeId === undefined ? 'ASC' : 'DESC'} LIMIT @limit`,
      )
      .all({ ...params, limit: Math.min(opts.limit ?? 1000, 10_000) }) as Row[];
    return rows.map(fromRow);
  }

  /** Every matching entry in id order, read lazily (for exports of the whole log). */
  *iterate(opts: Omit<AuditQuery, 'limit' | 'beforeId'> = {}): Generator<AuditEntry> {
    let afterId = opts.afterId ?? 0;
    for (;;) {
      const page = this.list({ ...opts, afterId, limit: 1000 });
      yield* page;
      if (page.length < 1000) return;
      afterId = page[page.length - 1]!.id;
    }
  }

  close(): void {
    this.db.close();
  }
}

function fromRow(r: Row): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = { unparseable: r.details };
  }
  return {
    id: r.id,
    time: r.time,
    actor: r.actor,
    action: r.action,
    target: r.target,
    details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export type VerifyResult =
  { ok: true; entries: number; head: string } | { ok: false; entries: number; problem: string };

/** Recomputes the whole chain and checks it against the anchor file. Read-only. */
export function verifyAudit(dataDir: string): VerifyResult {
  const file = path.join(dataDir, 'audit.sqlite');
  if (!fs.existsSync(file)) return { ok: false, entries: 0, problem: `no audit log in ${dataDir}` };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    let prev = GENESIS;
    let expectedId = 1;
    let count = 0;
    const hashes = new Map<number, string>();
    for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<Row>) {
      if (r.id !== expectedId)
        return { ok: false, entries: count, problem: `entry #${expectedId} is missing (found #${r.id})` };
      if (r.prev_hash !== prev)
        return {
          ok: false,
          entries: count,
          problem: `entry #${r.id} does not follow entry #${r.id - 1} (chain broken)`,
        };
      if (entryHash(prev, r) !== r.hash)
        return { ok: false, entries: count, problem: `entry #${r.id} was modified (hash mismatch)` };
      prev = r.hash;
      hashes.set(r.id, r.hash);
      expectedId++;
      count++;
    }
    const anchor = readAnchor(dataDir);
    if (anchor) {
      if (anchor.id > count)
        return {
          ok: false,
          entries: count,
          problem: `entries after #${count} were removed (anchor says #${anchor.id})`,
        };
      if (hashes.get(anchor.id) !== anchor.hash)
        return {
          ok: false,
          entries: count,
          problem: `entry #${anchor.id} does not match the anchor (chain rewritten)`,
        };
    } else if (count > 0) {
      return { ok: false, entries: count, problem: 'the anchor file audit.anchor is missing' };
    }
    return { ok: true, entries: count, head: prev };
  } finally {
    db.close();
  }
}

function readAnchor(dataDir: string): { id: number; hash: string } | undefined {
  try {
    const [id, hash] = fs.readFileSync(path.join(dataDir, 'audit.anchor'), 'utf8').trim().split(' ');
    return id && hash ? { id: Number(id), hash } : undefined;
  } catch {
    return undefined;
  }
}
