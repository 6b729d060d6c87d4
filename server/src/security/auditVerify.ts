/**
 * `npm run audit:verify` and GET /api/v1/audit/verify: recomputes the whole chain (read-only) and
 * checks it against the anchor file and, with the seal key, every seal. What each problem means
 * is in docs/security.md#audit-seal.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { entryHash, GENESIS, type AuditRow } from './audit.ts';
import { defaultAuditKeyFile, readAuditKey, sealMatches, type AuditKey } from './auditSeal.ts';

export type VerifyResult =
  | { ok: true; entries: number; head: string; sealed: boolean; firstId: number }
  | { ok: false; entries: number; problem: string };

interface Anchor {
  id: number;
  hash: string;
  seal: string | undefined;
}

export function readAnchor(dataDir: string): Anchor | undefined {
  try {
    const [id, hash, seal] = fs.readFileSync(path.join(dataDir, 'audit.anchor'), 'utf8').trim().split(' ');
    return id && hash ? { id: Number(id), hash, seal } : undefined;
  } catch {
    return undefined;
  }
}

const hasTable = (db: Database.Database, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/**
 * Recomputes the chain from its (sealed) base and checks seals and anchor. Read-only. `keyFile`
 * null: chain and anchor only (a log written before sealing, before its entries are sealed).
 */
export function verifyAudit(dataDir: string, keyFile: string | null = defaultAuditKeyFile()): VerifyResult {
  const file = path.join(dataDir, 'audit.sqlite');
  if (!fs.existsSync(file)) return { ok: false, entries: 0, problem: `no audit log in ${dataDir}` };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return verifyOpen(db, dataDir, keyFile);
  } finally {
    db.close();
  }
}

function verifyOpen(db: Database.Database, dataDir: string, keyFile: string | null): VerifyResult {
  const fail = (entries: number, problem: string): VerifyResult => ({ ok: false, entries, problem });
  const sealedLog =
    (hasTable(db, 'audit_base') && db.prepare('SELECT 1 FROM audit_base').get() !== undefined) ||
    ((db.pragma('table_info(audit)') as { name: string }[]).some((c) => c.name === 'seal') &&
      db.prepare('SELECT 1 FROM audit WHERE seal IS NOT NULL LIMIT 1').get() !== undefined);
  let key: AuditKey | undefined;
  try {
    key = keyFile === null ? undefined : readAuditKey(keyFile);
  } catch (err) {
    return fail(0, (err as Error).message);
  }
  if (sealedLog && !key)
    return fail(
      0,
      `the log is sealed but the key ${keyFile ?? '(none given)'} is missing (--audit-key / LAGEBILD_AUDIT_KEY)`,
    );

  const base = hasTable(db, 'audit_base')
    ? (db.prepare('SELECT id, hash, seal FROM audit_base').get() as
        { id: number; hash: string; seal: string } | undefined)
    : undefined;
  if (base && !(key && sealMatches(key, 'base', base.id, base.hash, base.seal)))
    return fail(
      0,
      `the start of the chain (entries up to #${base.id} expired) has a wrong seal: entries were deleted`,
    );
  let prev = base?.hash ?? GENESIS;
  let expectedId = (base?.id ?? 0) + 1;
  const firstId = expectedId;
  let count = 0;
  const hashes = new Map<number, string>();
  for (const r of db.prepare('SELECT * FROM audit ORDER BY id').iterate() as Iterable<AuditRow>) {
    if (r.id !== expectedId) return fail(count, `entry #${expectedId} is missing (found #${r.id})`);
    if (r.prev_hash !== prev)
      return fail(count, `entry #${r.id} does not follow entry #${r.id - 1} (chain broken)`);
    if (entryHash(prev, r) !== r.hash) return fail(count, `entry #${r.id} was modified (hash mismatch)`);
    // With the key, every entry is sealed (older ones are sealed when this version first opens the log).
    if (key && !sealMatches(key, 'entry', r.id, r.hash, r.seal))
      return fail(
        count,
        r.seal === null || r.seal === undefined
          ? `entry #${r.id} is not sealed: added without the key (forged)`
          : `entry #${r.id} has a wrong seal: forged or written with another key`,
      );
    prev = r.hash;
    hashes.set(r.id, r.hash);
    expectedId++;
    count++;
  }
  const last = expectedId - 1;
  const anchor = readAnchor(dataDir);
  if (!anchor) {
    if (count > 0) return fail(count, 'the anchor file audit.anchor is missing');
  } else {
    if (key && !sealMatches(key, 'anchor', anchor.id, anchor.hash, anchor.seal))
      return fail(count, 'the anchor file audit.anchor has a wrong or no seal: it was rewritten');
    if (anchor.id > last)
      return fail(count, `entries after #${last} were removed (anchor says #${anchor.id})`);
    if (anchor.id >= firstId && hashes.get(anchor.id) !== anchor.hash)
      return fail(count, `entry #${anchor.id} does not match the anchor (chain rewritten)`);
  }
  return { ok: true, entries: count, head: prev, sealed: key !== undefined, firstId };
}
