/**
 * The audit log: who did what, when, and why — kept apart from the event log, append-only and
 * tamper-evident. Each entry carries the SHA-256 of its content chained to the previous entry's
 * hash; changing, inserting or deleting any entry breaks every hash after it. Triggers refuse
 * UPDATE and DELETE, and the head hash is also written to a separate anchor file, so rewriting
 * the whole chain is detected as well. Entries and anchor are sealed with a key kept outside the
 * data dir (auditSeal.ts); entries past their retention period are deleted from the start of the
 * chain (expire), which stays verifiable from a sealed base (auditVerify.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { privateDatabaseFile } from '../store/privateFile.ts';
import { WriteHealth } from '../store/diskFull.ts';
import { checkIntegrity, damaged, refuseEmptyFile } from '../store/integrity.ts';
import {
  AuditKeyError,
  checkKeyPlace,
  createAuditKey,
  defaultAuditKeyFile,
  readAuditKey,
  seal,
  sealMatches,
  type AuditKey,
} from './auditSeal.ts';
import { readAnchor, verifyAudit as verifyChain } from './auditVerify.ts';

export { verifyAudit, type VerifyResult } from './auditVerify.ts';

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

export const GENESIS = '0'.repeat(64);
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
`;
/**
 * Added to older files when opened: the seal column, the base (the last expired entry's id and
 * hash, sealed: where the chain now starts) and a delete trigger that lets only expire() remove
 * entries, and only up to the base it has just moved.
 */
const SEALED_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_base (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  id INTEGER NOT NULL,
  hash TEXT NOT NULL,
  seal TEXT NOT NULL,
  time INTEGER NOT NULL
);
DROP TRIGGER IF EXISTS audit_no_delete;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN OLD.id > COALESCE((SELECT id FROM audit_base), 0)
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

export interface AuditLogOptions {
  /** The seal key (outside the data dir); default defaultAuditKeyFile(). */
  keyFile?: string;
  /** Told once when a new key was created. */
  onKeyCreated?: (keyFile: string) => void;
}

export interface ExpiryResult {
  /** How many entries were deleted, and the id of the last one (the chain's new base). */
  deleted: number;
  throughId: number;
}

/** A row of the audit table as SQLite returns it. */
export interface AuditRow {
  id: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  hash: string;
  seal: string | null;
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
  private readonly expireTx;
  private readonly anchorFile: string;
  private readonly key: AuditKey;
  readonly keyFile: string;
  /** Whether the last append failed (a full disk), for GET /api/v1/health. */
  readonly writes = new WriteHealth();

  constructor(
    readonly dataDir: string,
    opts: AuditLogOptions = {},
  ) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.keyFile = opts.keyFile ?? defaultAuditKeyFile();
    this.anchorFile = path.join(dataDir, 'audit.anchor');
    checkKeyPlace(this.keyFile, dataDir);
    const file = path.join(dataDir, 'audit.sqlite');
    refuseEmptyFile(file);
    this.db = new Database(privateDatabaseFile(file));
    try {
      this.db.pragma('journal_mode = WAL');
      checkIntegrity(this.db, file);
    } catch (err) {
      this.db.close();
      throw err instanceof Error && err.name !== 'SqliteError' ? err : damaged(file, String(err));
    }
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db
      .transaction(() => {
        this.db.exec(SCHEMA);
        if (!(this.db.pragma('table_info(audit)') as { name: string }[]).some((c) => c.name === 'seal'))
          this.db.exec('ALTER TABLE audit ADD COLUMN seal TEXT');
        this.db.exec(SEALED_SCHEMA);
      })
      .immediate();
    this.key = this.loadKey(opts.onKeyCreated);
    this.sealOlderEntries();
    const insert = this.db.prepare(
      'INSERT INTO audit (id, time, actor, action, target, details, prev_hash, hash, seal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const last = this.db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
    const base = this.db.prepare('SELECT id, hash FROM audit_base');
    // The head is read inside the write transaction, not cached: the server and a CLI (retention,
    // user management) may append to the same file, and each must chain onto the other's entries.
    // After every entry expired, the chain goes on from the base.
    this.appendTx = this.db.transaction((input: AuditInput, time: number): AuditEntry => {
      const head = (last.get() ?? base.get() ?? { id: 0, hash: GENESIS }) as { id: number; hash: string };
      const e = {
        id: head.id + 1,
        time,
        actor: input.actor,
        action: input.action,
        target: input.target ?? '',
        details: JSON.stringify(input.details ?? {}),
      };
      const hash = entryHash(head.hash, e);
      insert.run(
        e.id,
        e.time,
        e.actor,
        e.action,
        e.target,
        e.details,
        head.hash,
        hash,
        seal(this.key, 'entry', e.id, hash),
      );
      return { ...e, details: input.details ?? {}, prevHash: head.hash, hash };
    });
    const firstKept = this.db.prepare('SELECT MIN(id) FROM audit WHERE time >= ?').pluck();
    const maxId = this.db.prepare('SELECT MAX(id) FROM audit').pluck();
    const hashOf = this.db.prepare('SELECT hash FROM audit WHERE id = ?').pluck();
    const setBase = this.db.prepare(
      'INSERT OR REPLACE INTO audit_base (one, id, hash, seal, time) VALUES (1, ?, ?, ?, ?)',
    );
    const remove = this.db.prepare('DELETE FROM audit WHERE id <= ?');
    // The base moves first (sealed), then the entries up to it go: the delete trigger allows that
    // and nothing else.
    this.expireTx = this.db.transaction((before: number, now: number): ExpiryResult => {
      const from = ((base.get() as { id: number } | undefined)?.id ?? 0) + 1;
      const kept = firstKept.get(before) as number | null;
      const through = kept === null ? ((maxId.get() as number | null) ?? 0) : kept - 1;
      if (through < from) return { deleted: 0, throughId: from - 1 };
      const hash = hashOf.get(through) as string;
      setBase.run(through, hash, seal(this.key, 'base', through, hash), now);
      const deleted = remove.run(through).changes;
      return { deleted, throughId: through };
    });
  }

  /**
   * The seal key: created when the log has never been sealed; a sealed log without its key (or
   * with another key) is refused, since every entry written then would fail verification.
   */
  private loadKey(onCreated: AuditLogOptions['onKeyCreated']): AuditKey {
    const newest = this.db
      .prepare('SELECT id, hash, seal FROM audit WHERE seal IS NOT NULL ORDER BY id DESC LIMIT 1')
      .get() as { id: number; hash: string; seal: string } | undefined;
    const sealed = newest !== undefined || this.db.prepare('SELECT 1 FROM audit_base').get() !== undefined;
    const key = readAuditKey(this.keyFile);
    if (!key) {
      if (sealed) {
        this.db.close();
        throw new AuditKeyError(
          `the audit log in ${this.dataDir} is sealed but its key ${this.keyFile} is missing: restore the key file or point --audit-key / LAGEBILD_AUDIT_KEY at it (docs/security.md#audit-seal)`,
        );
      }
      const created = createAuditKey(this.keyFile);
      onCreated?.(this.keyFile);
      return created;
    }
    if (newest && !sealMatches(key, 'entry', newest.id, newest.hash, newest.seal)) {
      this.db.close();
      throw new AuditKeyError(
        `the audit key ${this.keyFile} is not the key that sealed the audit log in ${this.dataDir} (docs/security.md#audit-seal)`,
      );
    }
    return key;
  }

  /**
   * Entries of a log written before sealing existed are sealed once, when their chain and anchor
   * verify: from then on verify requires a seal on every entry, so stripping the seals (to pass a
   * forged entry off as old history) is detected. A log that does not verify is left as it is.
   */
  private sealOlderEntries(): void {
    const unsealed = this.db.prepare('SELECT id, hash FROM audit WHERE seal IS NULL ORDER BY id').all() as {
      id: number;
      hash: string;
    }[];
    if (unsealed.length === 0 || !verifyChain(this.dataDir, null).ok) return;
    const update = this.db.prepare('UPDATE audit SET seal = ? WHERE id = ?');
    this.db
      .transaction(() => {
        this.db.exec('DROP TRIGGER audit_no_update');
        for (const r of unsealed) update.run(seal(this.key, 'entry', r.id, r.hash), r.id);
        this.db.exec(SCHEMA);
      })
      .immediate();
    const head = unsealed[unsealed.length - 1]!;
    const anchor = readAnchor(this.dataDir);
    if (anchor && anchor.id === head.id) this.writeAnchor(head.id, head.hash);
  }

  /**
   * Deletes the entries written before `before` (from the start of the chain up to the first one
   * kept), overwriting their bytes; the chain then starts at a sealed base. Returns what went.
   */
  expire(before: number, now = Date.now()): ExpiryResult {
    this.db.pragma('secure_delete = ON');
    try {
      const result = this.expireTx.immediate(before, now);
      if (result.deleted > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
      return result;
    } finally {
      this.db.pragma('secure_delete = OFF');
    }
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
    if ((readAnchor(this.dataDir)?.id ?? 0) < entry.id) this.writeAnchor(entry.id, entry.hash);
    return entry;
  }

  /**
   * Whole or not at all (a full disk must not leave a truncated anchor); the entry itself is
   * stored, so a failed anchor only lags behind, which verify accepts.
   */
  private writeAnchor(id: number, hash: string): void {
    const tmp = `${this.anchorFile}.tmp`;
    try {
      fs.writeFileSync(tmp, `${id} ${hash} ${seal(this.key, 'anchor', id, hash)}\n`, { mode: 0o600 });
      fs.renameSync(tmp, this.anchorFile);
    } catch (err) {
      this.writes.failed(err);
    }
  }

  list(opts: AuditQuery = {}): AuditEntry[] {
    const { where, params } = auditWhere(opts);
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE ${where} ORDER BY id ${opts.beforeId === undefined ? 'ASC' : 'DESC'} LIMIT @limit`,
      )
      .all({ ...params, limit: Math.min(opts.limit ?? 1000, 10_000) }) as AuditRow[];
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

function fromRow(r: AuditRow): AuditEntry {
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
