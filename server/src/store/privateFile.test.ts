/**
 * The event log and the audit log hold personal data and who looked at it: their SQLite files (and
 * the -wal/-shm companions) are readable by the server's OS user only, also in a data dir that an
 * administrator created with wider permissions, and files an older version left at 0644 are narrowed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { post, startTestServer, tempDir } from '../testing/harness.ts';
import { privateDatabaseFile } from './privateFile.ts';

const INCIDENT = [{ id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 }];
const mode = (file: string) => fs.statSync(file).mode & 0o777;
const sqliteFiles = (dir: string) => fs.readdirSync(dir).filter((f) => /\.sqlite(-wal|-shm)?$/.test(f));

let server: LageServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('database files of a data dir', () => {
  it('are 0600 on a real server, -wal and -shm included, in a data dir created 0755 by hand', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    server = await startTestServer({}, dir);
    const accepted = await post(server.url, 'incidents', INCIDENT);
    expect(accepted.status).toBe(202);
    const files = sqliteFiles(dir);
    expect(files).toEqual(
      expect.arrayContaining(['lagebild.sqlite', 'lagebild.sqlite-wal', 'audit.sqlite', 'audit.sqlite-wal']),
    );
    for (const f of files) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
  });

  it('left at 0644 by an older version are narrowed when opened, and keep their data', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    await post(server.url, 'incidents', INCIDENT);
    const seq = server.lage.seq;
    await server.close();
    server = undefined;
    for (const f of sqliteFiles(dir)) fs.chmodSync(path.join(dir, f), 0o644);
    server = await startTestServer({}, dir);
    expect(server.lage.seq).toBe(seq);
    for (const f of sqliteFiles(dir)) expect([f, mode(path.join(dir, f))]).toEqual([f, 0o600]);
  });

  it('creates a missing file empty at 0600 and leaves the content of an existing one alone', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.sqlite');
    privateDatabaseFile(file);
    expect([fs.statSync(file).size, mode(file)]).toEqual([0, 0o600]);
    fs.writeFileSync(file, 'content');
    fs.chmodSync(file, 0o640);
    privateDatabaseFile(file);
    expect([fs.readFileSync(file, 'utf8'), mode(file)]).toEqual(['content', 0o600]);
  });
});
