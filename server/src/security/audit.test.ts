import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/harness.ts';
import { AuditLog, verifyAudit } from './audit.ts';

function filled(n = 5): string {
  const dir = tempDir();
  const log = new AuditLog(dir);
  for (let i = 0; i < n; i++)
    log.append({
      actor: `user${i % 2}`,
      action: i % 2 ? 'login' : 'replay',
      target: `T${i}`,
      details: { why: `Nachbereitung ${i}` },
    });
  log.close();
  return dir;
}

const verifyCli = (dir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/src/security/auditCli.ts', '--data-dir', dir], {
    encoding: 'utf8',
  });

describe('audit log', () => {
  it('chains entries and lists them with their details', () => {
    const dir = filled(3);
    const log = new AuditLog(dir);
    const entries = log.list();
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.details).toEqual({ why: 'Nachbereitung 2' });
    expect(log.list({ actor: 'user1' }).map((e) => e.id)).toEqual([2]);
    log.append({ actor: 'admin', action: 'export' });
    expect(log.list({ afterId: 3 })[0]).toMatchObject({ id: 4, prevHash: entries[2]!.hash });
    log.close();
    expect(verifyAudit(dir)).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses updates and deletes through SQL', () => {
    const dir = filled(2);
    const db = new Database(path.join(dir, 'audit.sqlite'));
    expect(() => db.prepare("UPDATE audit SET actor = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });

  it('npm run audit:verify passes on an intact log and detects a modified entry', () => {
    const dir = filled(5);
    const ok = verifyCli(dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: 5 entries/);

    // An attacker with file access drops the trigger and edits entry 3.
    const db = new Database(path.join(dir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET actor = 'someone-else' WHERE id = 3").run();
    db.close();
    const broken = verifyCli(dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/entry #3 was modified/);
  });

  it('detects a rewritten chain through the anchor, and removed entries', () => {
    const dir = filled(4);
    const db = new Database(path.join(dir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_no_delete');
    db.prepare('DELETE FROM audit WHERE id = 4').run();
    db.close();
    expect(verifyAudit(dir)).toMatchObject({ ok: false, problem: expect.stringMatching(/removed/) });

    const dir2 = filled(3);
    fs.writeFileSync(path.join(dir2, 'audit.anchor'), `2 ${'f'.repeat(64)}\n`);
    expect(verifyAudit(dir2)).toMatchObject({ ok: false, problem: expect.stringMatching(/anchor/) });
  });

  it('explains a missing log and bad usage', () => {
    expect(verifyAudit(tempDir())).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no audit log/),
    });
    const usage = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/security/auditCli.ts'], {
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage/);
  });

  it('two writers on one file (server and a CLI) chain onto each other', () => {
    const dir = filled(2);
    const a = new AuditLog(dir);
    const b = new AuditLog(dir);
    a.append({ actor: 'server', action: 'login' });
    b.append({ actor: 'system', action: 'retention.run' });
    a.append({ actor: 'server', action: 'logout' });
    expect(a.list().map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    a.close();
    b.close();
    expect(verifyAudit(dir)).toMatchObject({ ok: true, entries: 5 });
    expect(fs.readFileSync(path.join(dir, 'audit.anchor'), 'utf8')).toMatch(/^5 /);
  });

  it('filters by period, actor and action and pages by id', () => {
    const dir = tempDir();
    const log = new AuditLog(dir);
    // Just over one page of iterate() (1,000): every append is a synchronous commit, so few of them.
    for (let i = 0; i < 1010; i++)
      log.append({ actor: i % 2 ? 'anna' : 'bert', action: i % 3 ? 'view' : 'export' }, 1_000 + i);
    expect(log.list({ from: 1_010, to: 1_020 }).map((e) => e.time)).toEqual(
      Array.from({ length: 10 }, (_, i) => 1_010 + i),
    );
    expect(log.list({ actor: 'anna', action: 'export', limit: 2 }).map((e) => e.id)).toEqual([4, 10]);
    expect([...log.iterate({ actor: 'bert' })]).toHaveLength(505);
    expect([...log.iterate()].map((e) => e.id)).toEqual(Array.from({ length: 1010 }, (_, i) => i + 1));
    log.close();
  });

  it('npm run audit:verify names an entry edited in the file bytes, without SQL', () => {
    const dir = filled(5);
    const file = path.join(dir, 'audit.sqlite');
    // Fold the WAL into the file so the entries are in it, then change one byte of entry 4's target.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(Buffer.from('T3'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 1] = '9'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    const broken = verifyCli(dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/entry #4 was modified \(hash mismatch\)/);
  });
});
