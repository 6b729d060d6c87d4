/** `npm run import` --dry-run, --list, --remove, and the leftovers of killed imports. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/src/public.ts';
import { SMALL_MAPPING } from './testing/badRowsFixture.ts';
import { runImportCli, tempDir, writeFile } from './testing/testSupport.ts';

const CSV =
  'id,time,lat,lon,type,note\nx1,2026-03-01 10:00:00,51.2,6.7,Brand,\nx2,2026-03-01 11:00:00,51.3,6.8,Brand,\n';
/** A pid far above any kernel's pid_max: that process is surely gone. */
const DEAD_PID = 2 ** 30;

// Each run starts a node process with tsx: seconds on a loaded machine.
describe('npm run import: datasets', { timeout: 180_000 }, () => {
  it('--dry-run checks and counts but writes nothing', async () => {
    const dir = tempDir();
    const mapping = writeFile(dir, 'm.json', SMALL_MAPPING);
    const r = await runImportCli([
      '--data-dir',
      dir,
      '--mapping',
      mapping,
      writeFile(dir, 'a.csv', CSV),
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Dry run: 2 of 2 rows from a.csv would be imported into dataset "a"; nothing was written',
    );
    expect(fs.existsSync(path.join(dir, 'datasets', 'a.sqlite'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'datasets'))).toEqual([]);
  });

  it('--list shows the datasets, --remove deletes one', async () => {
    const dir = tempDir();
    const mapping = writeFile(dir, 'm.json', SMALL_MAPPING);
    for (const name of ['one', 'two'])
      expect(
        (await runImportCli(['--data-dir', dir, '--mapping', mapping, writeFile(dir, `${name}.csv`, CSV)]))
          .code,
      ).toBe(0);
    const list = await runImportCli(['--data-dir', dir, '--list']);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^one {2}2026-03-01T09:00:00Z to .* 2 incidents, 0 units, 0 positions {2}\(Europe\/Berlin; from one\.csv\)$/,
      ),
      expect.stringMatching(/^two /),
    ]);
    const removed = await runImportCli(['--data-dir', dir, '--remove', 'one', '--list']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('Removed dataset "one"');
    expect(removed.stdout).not.toMatch(/^one /m);
    expect(fs.existsSync(path.join(dir, 'datasets', 'one.sqlite'))).toBe(false);
    const missing = await runImportCli(['--data-dir', dir, '--remove', 'one']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no dataset "one"');
  });

  it('removes the leftovers of killed imports at the next import, and says so', async () => {
    const dir = tempDir();
    const leftover = path.join(dir, 'datasets', `.other.${DEAD_PID}.abcd.tmp`);
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, 'dataset.sqlite'), 'half');
    const mapping = writeFile(dir, 'm.json', SMALL_MAPPING);
    const r = await runImportCli(['--data-dir', dir, '--mapping', mapping, writeFile(dir, 'b.csv', CSV)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `removed .other.${DEAD_PID}.abcd.tmp, the leftover of an import that did not finish`,
    );
    expect(fs.existsSync(leftover)).toBe(false);
  });

  it('removes the leftovers of killed imports at server start, keeping those of running imports', async () => {
    const dir = tempDir();
    const dead = path.join(dir, 'datasets', `.x.${DEAD_PID}.00ff.tmp`);
    const running = path.join(dir, 'datasets', `.y.${process.pid}.00ff.tmp`);
    for (const d of [dead, running]) fs.mkdirSync(d, { recursive: true });
    const server = await startTestServer({}, dir);
    try {
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(running)).toBe(true);
    } finally {
      await server.close();
    }
  });
});
