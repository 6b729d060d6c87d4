import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../security/audit.ts';
import type { Principal } from '../security/users.ts';
import type { LageServer } from '../app.ts';
import { sessionFor, startTestServer, tempDir } from '../testing/harness.ts';
import { csvCell } from './auditRoutes.ts';

const ADMIN: Principal = { name: 'admin-anna', roles: ['admin'], kind: 'user' };
const OPERATOR: Principal = { name: 'op-otto', roles: ['operator'], kind: 'user' };
const ANALYST: Principal = { name: 'ana-lyst', roles: ['analyst'], kind: 'user' };

let server: LageServer;
let dir: string;
let admin: string;

const get = (route: string, token?: string) =>
  fetch(`${server.url}${route}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const json = async <T>(route: string, token = admin): Promise<T> => {
  const res = await get(route, token);
  expect(res.status, `${route}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
};
type Page = { entries: AuditEntry[]; nextCursor: number | null };

beforeAll(async () => {
  dir = tempDir();
  server = await startTestServer({}, dir);
  admin = sessionFor(server, ADMIN);
  for (let i = 0; i < 30; i++)
    server.audit.append(
      { actor: i % 2 ? 'bert' : '=cmd|calc', action: i % 3 ? 'replay' : 'login', target: `T,"${i}"` },
      Date.UTC(2026, 10, 1) + i * 60_000,
    );
});
afterAll(() => server.close());

describe('audit log API', () => {
  it('answers 401 without sign-in and 403 (audited) for roles without audit.read', async () => {
    expect((await get('/api/v1/audit')).status).toBe(401);
    expect((await get('/api/v1/audit/export?format=csv')).status).toBe(401);
    for (const p of [OPERATOR, ANALYST]) {
      const res = await get('/api/v1/audit', sessionFor(server, p));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/audit\.read/);
    }
    expect(server.audit.list({ actor: 'op-otto' }).some((e) => /refus/.test(e.action))).toBe(true);
  });

  it('pages with a cursor, oldest or newest first, filtered by period, actor and action', async () => {
    const first = await json<Page>('/api/v1/audit?limit=7');
    expect(first.entries).toHaveLength(7);
    expect(first.nextCursor).toBe(first.entries[6]!.id);
    const second = await json<Page>(`/api/v1/audit?limit=7&cursor=${first.nextCursor}`);
    expect(second.entries[0]!.id).toBe(first.nextCursor! + 1);

    const from = Date.UTC(2026, 10, 1) + 10 * 60_000;
    const to = new Date(from + 10 * 60_000).toISOString();
    const period = await json<Page>(`/api/v1/audit?from=${from}&to=${to}&actor=bert&action=replay`);
    expect(period.entries.map((e) => e.target)).toEqual(['T,"11"', 'T,"13"', 'T,"17"', 'T,"19"']);
    expect(period.nextCursor).toBeNull();

    const newest = await json<Page>('/api/v1/audit?order=desc&limit=3');
    const ids = newest.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await json<Page>(`/api/v1/audit?order=desc&limit=3&cursor=${newest.nextCursor}`);
    expect(older.entries[0]!.id).toBe(ids[2]! - 1);
    // Opening the log (a first page) is itself recorded; following pages are not.
    const views = server.audit.list({ actor: 'admin-anna', action: 'audit.view' });
    expect(views).toHaveLength(3);
  });

  it('exports CSV and JSON lines as downloads, and records each export', async () => {
    const res = await get('/api/v1/audit/export?format=csv&actor=bert', admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="lagebild-audit-.*\.csv"/);
    const lines = (await res.text()).trimEnd().split('\n');
    expect(lines[0]).toBe('id,time,actor,action,target,details,prev_hash,hash');
    expect(lines).toHaveLength(16);
    expect(lines[1]).toMatch(
      /^2,2026-11-01T00:01:00.000Z,bert,replay,"T,""1""",\{\},[0-9a-f]{64},[0-9a-f]{64}$/,
    );

    const jsonl = await (await get('/api/v1/audit/export?format=jsonl', admin)).text();
    const entries = jsonl
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
    expect(entries[0]).toMatchObject({ id: 1, actor: '=cmd|calc', action: 'login' });
    // The export is recorded before it is written, so it is its own last line.
    expect(entries.at(-1)).toMatchObject({
      actor: 'admin-anna',
      action: 'audit.export',
      details: { format: 'jsonl' },
    });
    expect(server.audit.list({ action: 'audit.export' })).toHaveLength(2);
  });

  it('never lets a cell become a spreadsheet formula', () => {
    expect(csvCell('=cmd|calc')).toBe("'=cmd|calc");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
  });

  it.each([
    ['/api/v1/audit?limit=0', /limit must be a whole number from 1 to 1000/],
    ['/api/v1/audit?limit=abc', /limit/],
    ['/api/v1/audit?cursor=-1', /cursor must be a whole number/],
    ['/api/v1/audit?from=yesterday', /from must be epoch ms or an ISO 8601/],
    ['/api/v1/audit?from=2000&to=1000', /to must be after from/],
    ['/api/v1/audit?order=random', /order must be asc or desc/],
    [`/api/v1/audit?actor=${'x'.repeat(200)}`, /actor must be at most 128 characters/],
    ['/api/v1/audit/export?format=xlsx', /format must be one of csv, jsonl/],
  ])('refuses %s with a clear 400', async (route, message) => {
    const res = await get(route, admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('refuses other methods and unknown audit routes', async () => {
    const post = await fetch(`${server.url}/api/v1/audit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(post.status).toBe(405);
    expect((await get('/api/v1/audit/nope', admin)).status).toBe(404);
  });

  it('verifies the chain, and names the entry that was changed', async () => {
    expect(await json('/api/v1/audit/verify')).toMatchObject({ ok: true });
    const db = new Database(path.join(dir, 'audit.sqlite'));
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET actor = 'mallory' WHERE id = 5").run();
    db.close();
    expect(await json('/api/v1/audit/verify')).toMatchObject({
      ok: false,
      problem: 'entry #5 was modified (hash mismatch)',
    });
  });
});
