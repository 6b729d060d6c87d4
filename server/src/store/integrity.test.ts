/**
 * Issue 13 point 6: a 0-byte lagebild.sqlite started silently as an empty log, and a file damaged
 * mid-way started and answered 500 on /api/v1/events. Both are refused at start now, with one line
 * naming the file and how to restore it, and the file is left exactly as it was.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import { tempDir } from '../testing/harness.ts';
import { openDb } from './db.ts';
import { EventLog } from './eventLog.ts';
import { StoreIntegrityError } from './integrity.ts';

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A closed data dir whose log holds enough events to span many pages. */
function filledDataDir(): string {
  const dir = tempDir();
  const db = openDb(dir, 'normal');
  const log = new EventLog(db);
  const events: NewEvent[] = Array.from({ length: 3000 }, (_, i) => ({
    type: 'unit.position',
    unitId: `u${i % 50}`,
    time: Date.UTC(2026, 10, 26, 8) + i * 1000,
    lat: 51 + i / 1e5,
    lon: 6.9,
  })) as NewEvent[];
  log.append(events, Date.now());
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return dir;
}

/** Overwrites one page in the middle of the file with garbage, as a torn write or bad sector would. */
function damageMidway(file: string): void {
  const size = fs.statSync(file).size;
  const page = 4096;
  const offset = Math.floor(size / page / 2) * page;
  expect(offset).toBeGreaterThan(page); // not the header page: the file still looks like a database
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(page, 0xa5), 0, page, offset);
  fs.closeSync(fd);
}

/** Runs `npm run serve` on the data dir and collects its exit code and stderr. */
function serveOnce(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli.ts', '--port', '0', '--data-dir', dataDir, '--quiet'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('integrity of lagebild.sqlite at start', () => {
  it('refuses a 0-byte file and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lagebild.sqlite');
    fs.writeFileSync(file, '');
    expect(() => openDb(dir, 'full')).toThrow(StoreIntegrityError);
    expect(() => openDb(dir, 'full')).toThrow(`${file} is empty (0 bytes)`);
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file damaged mid-way and leaves its bytes as they were', () => {
    const dir = filledDataDir();
    const file = path.join(dir, 'lagebild.sqlite');
    damageMidway(file);
    const before = digest(file);
    expect(() => openDb(dir, 'full')).toThrow(
      new RegExp(`^${file} is damaged \\(.+\\): stop the server, restore`),
    );
    expect(digest(file)).toBe(before);
  });

  it('refuses a file that is not a database at all', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'lagebild.sqlite'), 'this is a text file, not SQLite\n'.repeat(200));
    expect(() => openDb(dir, 'full')).toThrow(/is damaged \(file is not a database\)/);
  });

  it('opens an intact log as before', () => {
    const dir = filledDataDir();
    const db = openDb(dir, 'full');
    expect(new EventLog(db).lastSeq).toBe(3000);
    db.close();
  });

  it('the server process stops with exactly one line naming the file and how to restore', async () => {
    const empty = tempDir();
    fs.writeFileSync(path.join(empty, 'lagebild.sqlite'), '');
    const corrupt = filledDataDir();
    damageMidway(path.join(corrupt, 'lagebild.sqlite'));
    for (const dir of [empty, corrupt]) {
      const { code, stderr } = await serveOnce(dir);
      expect(code).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(path.join(dir, 'lagebild.sqlite'));
      expect(lines[0]).toContain('restore the file from a backup (docs/operations.md#restore)');
    }
  });
});
