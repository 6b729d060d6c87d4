/**
 * Issue 13 point 6: deleting the audit tail and rewriting the anchor, or appending an entry with
 * recomputed hashes, verified as intact — the chain and anchor only prove consistency, and anyone
 * who can write the data dir can recompute them. With the seal key outside the data dir
 * (auditSeal.ts), `npm run audit:verify` detects both, and deleted old entries as well.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness.ts';
import { AuditLog, entryHash, verifyAudit } from './audit.ts';
import { AuditKeyError, createAuditKey, seal } from './auditSeal.ts';

/** A data dir with n sealed entries and its key file in a separate directory. */
function sealedLog(n: number): { dir: string; keyFile: string } {
  const dir = tempDir();
  const keyFile = path.join(tempDir('lagebild-key-'), 'audit.key');
  const log = new AuditLog(dir, { keyFile });
  for (let i = 0; i < n; i++) log.append({ actor: `user${i}`, action: 'personal.view', target: `T${i}` });
  log.close();
  return { dir, keyFile };
}

const verifyCli = (dir: string, keyFile: string) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/security/auditCli.ts', '--data-dir', dir, '--audit-key', keyFile],
    { encoding: 'utf8' },
  );

/** The attacker: full access to the data dir's files, none to the key. */
function tamper(dir: string, fn: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, 'audit.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_no_update');
  fn(db);
  db.close();
}

const rowOf = (db: Database.Database, id: number) =>
  db.prepare('SELECT * FROM audit WHERE id = ?').get(id) as { hash: string; seal: string };

describe('the audit seal', () => {
  it('an intact sealed log verifies, by the CLI too', () => {
    const { dir, keyFile } = sealedLog(4);
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: true, entries: 4, sealed: true });
    const cli = verifyCli(dir, keyFile);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`audit log intact: 4 entries, head`);
    expect(cli.stdout).toContain(`sealed with ${keyFile}`);
  });

  it('detects a truncated tail with a rewritten anchor', () => {
    const { dir, keyFile } = sealedLog(5);
    tamper(dir, (db) => {
      db.prepare('DELETE FROM audit WHERE id > 3').run();
      // The anchor as the old code wrote it, for the new head: consistent, but not sealed.
      fs.writeFileSync(path.join(dir, 'audit.anchor'), `3 ${rowOf(db, 3).hash}\n`);
    });
    const cli = verifyCli(dir, keyFile);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/audit\.anchor has a wrong or no seal: it was rewritten/);
    // Nor does the sealed anchor of an earlier entry (copied from entry 3's seal) pass.
    tamper(dir, (db) => {
      const r = rowOf(db, 3);
      fs.writeFileSync(path.join(dir, 'audit.anchor'), `3 ${r.hash} ${r.seal}\n`);
    });
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: false, problem: expect.stringMatching(/anchor/) });
  });

  it('detects an entry appended with recomputed hashes and anchor', () => {
    const { dir, keyFile } = sealedLog(3);
    tamper(dir, (db) => {
      const prev = rowOf(db, 3);
      const e = { id: 4, time: Date.now(), actor: 'admin', action: 'auth.login', target: '', details: '{}' };
      const hash = entryHash(prev.hash, e);
      db.prepare('INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        ...Object.values(e),
        prev.hash,
        hash,
        null,
      );
      fs.writeFileSync(path.join(dir, 'audit.anchor'), `4 ${hash}\n`);
    });
    const cli = verifyCli(dir, keyFile);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/entry #4 is not sealed: added without the key \(forged\)/);
    // With a seal made by another key (the attacker's own): a wrong seal.
    tamper(dir, (db) => {
      const other = createAuditKey(path.join(tempDir('lagebild-key-'), 'other.key'));
      db.prepare('UPDATE audit SET seal = ? WHERE id = 4').run(seal(other, 'entry', 4, rowOf(db, 4).hash));
    });
    expect(verifyAudit(dir, keyFile)).toMatchObject({
      ok: false,
      problem: 'entry #4 has a wrong seal: forged or written with another key',
    });
  });

  it('detects old entries deleted from the start, with or without a forged base', () => {
    const { dir, keyFile } = sealedLog(4);
    tamper(dir, (db) => db.prepare('DELETE FROM audit WHERE id <= 2').run());
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: false, problem: 'entry #1 is missing (found #3)' });
    tamper(dir, (db) =>
      db
        .prepare('INSERT INTO audit_base VALUES (1, 2, ?, ?, ?)')
        .run(rowOf(db, 3).hash.replace(/./, '0'), 'ab'.repeat(32), Date.now()),
    );
    expect(verifyCli(dir, keyFile).stderr).toMatch(
      /start of the chain .* has a wrong seal: entries were deleted/,
    );
  });

  it('keeps the key out of the data dir and refuses a sealed log without its key or with another', () => {
    const dir = tempDir();
    expect(() => new AuditLog(dir, { keyFile: path.join(dir, 'audit.key') })).toThrow(AuditKeyError);
    expect(() => new AuditLog(dir, { keyFile: path.join(dir, 'keys', 'k') })).toThrow(/inside the data dir/);
    const sealed = sealedLog(2);
    const missing = path.join(tempDir('lagebild-key-'), 'gone.key');
    expect(() => new AuditLog(sealed.dir, { keyFile: missing })).toThrow(
      `the audit log in ${sealed.dir} is sealed but its key ${missing} is missing`,
    );
    expect(fs.existsSync(missing)).toBe(false); // no new key silently replaces the lost one
    expect(verifyAudit(sealed.dir, missing)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/missing/),
    });
    const other = path.join(tempDir('lagebild-key-'), 'other.key');
    createAuditKey(other);
    expect(() => new AuditLog(sealed.dir, { keyFile: other })).toThrow(/is not the key that sealed/);
    expect(verifyAudit(sealed.dir, other)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/wrong seal/),
    });
  });

  it('a log written before sealing keeps verifying and is sealed from its next entry on', () => {
    const dir = tempDir();
    // The layout and anchor of the previous version: no seal column, anchor "id hash".
    const db = new Database(path.join(dir, 'audit.sqlite'));
    db.exec(`CREATE TABLE audit (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL,
      action TEXT NOT NULL, target TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
    let prev = '0'.repeat(64);
    for (let id = 1; id <= 2; id++) {
      const e = { id, time: Date.now(), actor: 'old', action: 'auth.login', target: '', details: '{}' };
      const hash = entryHash(prev, e);
      db.prepare('INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...Object.values(e), prev, hash);
      prev = hash;
    }
    db.close();
    fs.writeFileSync(path.join(dir, 'audit.anchor'), `2 ${prev}\n`);
    const keyFile = path.join(tempDir('lagebild-key-'), 'audit.key');
    const log = new AuditLog(dir, { keyFile });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    log.append({ actor: 'new', action: 'auth.login' });
    log.close();
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: true, entries: 3, sealed: true });
    expect(fs.readFileSync(path.join(dir, 'audit.anchor'), 'utf8')).toMatch(
      /^3 [0-9a-f]{64} [0-9a-f]{64}\n$/,
    );
    // The older entries were sealed too: stripping the seals does not pass a log off as unsealed history.
    tamper(dir, (d) => d.prepare('UPDATE audit SET seal = NULL').run());
    expect(verifyAudit(dir, keyFile)).toMatchObject({
      ok: false,
      problem: 'entry #1 is not sealed: added without the key (forged)',
    });
  });
});
