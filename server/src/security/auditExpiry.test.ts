/**
 * Issue 13 point 6 (data protection): audit entries are deleted after a configurable period —
 * by default at the end of the year after they were written (BDSG § 76 (4)) — while the rest of
 * the chain still verifies, and deleting entries any other way is still detected.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { startTestServer, tempDir } from '../testing/harness.ts';
import { AuditLog, verifyAudit } from './audit.ts';
import { auditCutoff, expireAudit, parseAuditRetention } from './auditExpiry.ts';

const BDSG = parseAuditRetention(undefined);

describe('the audit retention period', () => {
  it('is the end of the year after the entry was written, on the Berlin calendar', () => {
    expect(BDSG).toEqual({ kind: 'end-of-next-year' });
    // In 2026 the entries of 2024 and earlier go: before 1 Jan 2025, 00:00 CET.
    expect(new Date(auditCutoff(BDSG, Date.parse('2026-12-07T05:00:00Z'))!).toISOString()).toBe(
      '2024-12-31T23:00:00.000Z',
    );
    // 31 Dec 2026, 23:30 UTC is already 2027 in Berlin: the entries of 2025 are due.
    expect(new Date(auditCutoff(BDSG, Date.parse('2026-12-31T23:30:00Z'))!).toISOString()).toBe(
      '2025-12-31T23:00:00.000Z',
    );
    expect(auditCutoff({ kind: 'days', days: 30 }, 100 * 86_400_000)).toBe(70 * 86_400_000);
    expect(auditCutoff(parseAuditRetention('off'), Date.now())).toBeUndefined();
    expect(parseAuditRetention('400')).toEqual({ kind: 'days', days: 400 });
    for (const bad of ['0', '-3', '1.5', 'forever', '36501'])
      expect(() => parseAuditRetention(bad)).toThrow(
        /--audit-retention must be end-of-next-year, off or a whole number/,
      );
  });
});

describe('expiring audit entries', () => {
  const year = Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(Date.now()),
  );

  function logWithYears(): { dir: string; keyFile: string; audit: AuditLog } {
    const dir = tempDir();
    const keyFile = path.join(tempDir('lagebild-key-'), 'audit.key');
    const audit = new AuditLog(dir, { keyFile });
    // Two entries of the year before last (due), one of last year and one of this year (kept).
    audit.append({ actor: 'anna', action: 'personal.view', target: 'GELOESCHT-1' }, Date.UTC(year - 2, 2, 1));
    audit.append(
      { actor: 'bert', action: 'auth.login', target: 'GELOESCHT-2' },
      Date.UTC(year - 2, 11, 31, 12),
    );
    audit.append(
      { actor: 'carl', action: 'personal.view', target: 'BLEIBT-3' },
      Date.UTC(year - 1, 0, 1, 12),
    );
    audit.append({ actor: 'dora', action: 'export', target: 'BLEIBT-4' }, Date.now() - 1000);
    return { dir, keyFile, audit };
  }

  it('deletes what is due, records it, and the remaining chain verifies (CLI too)', () => {
    const { dir, keyFile, audit } = logWithYears();
    expect(expireAudit(audit, BDSG)).toEqual({ deleted: 2, throughId: 2 });
    const left = audit.list();
    expect(left.map((e) => [e.id, e.target])).toEqual([
      [3, 'BLEIBT-3'],
      [4, 'BLEIBT-4'],
      [5, 'audit log'],
    ]);
    expect(left[2]).toMatchObject({
      actor: 'system:audit-retention',
      action: 'audit.expired',
      details: { rule: 'end-of-next-year', deleted: 2, throughId: 2 },
    });
    // A second run finds nothing due and writes nothing.
    expect(expireAudit(audit, BDSG)).toEqual({ deleted: 0, throughId: 2 });
    audit.append({ actor: 'emil', action: 'auth.login' });
    audit.close();
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: true, entries: 4, firstId: 3 });
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/src/security/auditCli.ts', '--data-dir', dir, '--audit-key', keyFile],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/audit log intact: 4 entries, .*entries before #3 expired/);
    // The deleted entries' text is overwritten, not left in free pages of the file or its WAL.
    const bytes = Buffer.concat(
      ['audit.sqlite', 'audit.sqlite-wal']
        .filter((f) => fs.existsSync(path.join(dir, f)))
        .map((f) => fs.readFileSync(path.join(dir, f))),
    );
    expect(bytes.includes('GELOESCHT')).toBe(false);
    expect(bytes.includes('BLEIBT-3')).toBe(true);
  });

  it('deleting further entries by hand, or moving the base without the key, is detected', () => {
    const { dir, keyFile, audit } = logWithYears();
    expireAudit(audit, BDSG);
    audit.close();
    const db = new Database(path.join(dir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_no_delete');
    const e3 = db.prepare('SELECT hash FROM audit WHERE id = 3').pluck().get() as string;
    db.prepare('DELETE FROM audit WHERE id = 3').run();
    db.close();
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: false, problem: 'entry #3 is missing (found #4)' });
    const db2 = new Database(path.join(dir, 'audit.sqlite'));
    db2.prepare('UPDATE audit_base SET id = 3, hash = ?').run(e3);
    db2.close();
    expect(verifyAudit(dir, keyFile)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/start of the chain .* wrong seal: entries were deleted/),
    });
  });

  it('the delete trigger still refuses any delete past the base', () => {
    const { dir, audit } = logWithYears();
    expireAudit(audit, BDSG);
    audit.close();
    const db = new Database(path.join(dir, 'audit.sqlite'));
    expect(() => db.prepare('DELETE FROM audit WHERE id = 3').run()).toThrow(/append-only/);
    db.close();
  });

  it('when every entry is due, the chain goes on from the base', () => {
    const dir = tempDir();
    const keyFile = path.join(tempDir('lagebild-key-'), 'audit.key');
    const audit = new AuditLog(dir, { keyFile });
    audit.append({ actor: 'a', action: 'x' }, Date.UTC(year - 3, 0, 5));
    audit.append({ actor: 'b', action: 'y' }, Date.UTC(year - 3, 0, 6));
    expect(expireAudit(audit, BDSG)).toEqual({ deleted: 2, throughId: 2 });
    expect(audit.list().map((e) => e.id)).toEqual([3]);
    audit.close();
    expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: true, entries: 1, firstId: 3 });
  });

  it('the server expires at start with --audit-retention <days>', async () => {
    const dir = tempDir();
    const keyFile = path.join(tempDir('lagebild-key-'), 'audit.key');
    const before = new AuditLog(dir, { keyFile });
    before.append({ actor: 'old', action: 'auth.login' }, Date.now() - 40 * 86_400_000);
    before.append({ actor: 'recent', action: 'auth.login' }, Date.now() - 10 * 86_400_000);
    before.close();
    const server = await startTestServer(
      { auditKey: keyFile, auditRetention: { kind: 'days', days: 30 } },
      dir,
    );
    try {
      await vi.waitFor(() => expect(server.audit.list({ action: 'audit.expired' })).toHaveLength(1), {
        timeout: 20_000,
        interval: 50,
      });
      expect(server.audit.list({ actor: 'old' })).toHaveLength(0);
      expect(server.audit.list({ actor: 'recent' })).toHaveLength(1);
      expect(verifyAudit(dir, keyFile)).toMatchObject({ ok: true, firstId: 2 });
    } finally {
      await server.close();
    }
  });
});
