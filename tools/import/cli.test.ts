/** `npm run import` as a user runs it: messages on stderr, the summary on stdout, the exit codes. */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BAD_ROW_ERRORS, SMALL_MAPPING, writeBadRows } from './testing/badRowsFixture.ts';
import { runImportCli, tempDir, writeFile, type CliResult } from './testing/testSupport.ts';

describe('npm run import', () => {
  let dir: string;
  let ok: CliResult;
  let badMapping: CliResult;
  let nothing: CliResult;
  let noArgs: CliResult;
  let unknown: CliResult;

  beforeAll(async () => {
    dir = tempDir();
    const { csv, mapping } = writeBadRows(dir);
    const wrong = writeFile(dir, 'wrong.json', {
      ...SMALL_MAPPING,
      tyme: {},
      time: { column: 'time', formats: ['YYYY-MM-DD hh:mm'], timeZone: 'Europe/Bonn' },
    });
    const allBad = writeFile(
      dir,
      'allbad.csv',
      'id,time,lat,lon,type,note\nx1,2026-03-01 10:00:00,,6.7,Brand,\n',
    );
    [ok, badMapping, nothing, noArgs, unknown] = await Promise.all([
      runImportCli(['--data-dir', dir, '--mapping', mapping, csv, '--dataset', 'small']),
      runImportCli(['--data-dir', dir, '--mapping', wrong, csv]),
      runImportCli(['--data-dir', dir, '--mapping', mapping, allBad]),
      runImportCli(['--data-dir', dir, csv]),
      runImportCli(['--data-dir', dir, '--mapping', mapping, csv, '--dataset=x', '--bogus']),
    ]);
  });

  it('exits 0 after an import, with one line per bad row and a summary', () => {
    expect(ok.code).toBe(0);
    expect(ok.stderr.trim().split('\n')).toEqual(BAD_ROW_ERRORS);
    expect(ok.stdout).toContain(`Imported 4 of 15 rows from bad.csv into dataset "small"`);
    expect(ok.stdout).toContain('skipped: 10 bad rows, 1 row repeating an incident id already imported');
    expect(ok.stdout).toContain('time range: 2026-03-01T08:15:00Z to 2026-03-01T10:05:00Z');
    expect(fs.existsSync(path.join(dir, 'datasets', 'small.sqlite'))).toBe(true);
  });

  it('exits 2 for a bad mapping, naming every problem', () => {
    expect(badMapping.code).toBe(2);
    expect(badMapping.stderr).toContain('wrong.json is not a valid mapping:');
    expect(badMapping.stderr).toContain('Unrecognized key: "tyme"');
    expect(badMapping.stderr).toContain(
      'time.formats.0: "YYYY-MM-DD hh:mm": hh/h (1-12) and A (AM/PM) go together; for 0-23 hours use HH',
    );
    expect(badMapping.stderr).toContain('time.timeZone: unknown time zone "Europe/Bonn"');
    expect(badMapping.stdout).toBe('');
  });

  it('exits 1 when no row could be imported, and writes no dataset', () => {
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('line 2: lat is empty');
    expect(nothing.stdout).toContain(
      'Nothing imported from allbad.csv: 1 row, 1 bad. No dataset was written.',
    );
    expect(fs.existsSync(path.join(dir, 'datasets', 'allbad.sqlite'))).toBe(false);
  });

  it('exits 2 with the usage for missing arguments', () => {
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toContain('import: --mapping is required');
    expect(noArgs.stderr).toContain('Usage: npm run import --');
    // The flags are read like every CLI's (server/src/cliFlags.ts): an unknown one is named.
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('import: unknown option "--bogus"');
  });
});
