/**
 * `npm run retention -- --data-dir <dir> [--days <n>] [--thin-minutes <m>] [--full] [--vacuum]`:
 * one retention run on a data dir (the server does the same at start and hourly). Exit 0 done,
 * 1 failed, 2 usage. Safe while the server runs (SQLite WAL; the audit log chains across both).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from '../security/audit.ts';
import { openDb, type Db } from '../store/db.ts';
import { StoreIntegrityError } from '../store/integrity.ts';
import { AuditKeyError } from '../security/auditSeal.ts';
import { auditedRetention } from './job.ts';
import { parseRetention, RetentionConfigError } from './options.ts';
import { readFlags, UsageError } from '../cliFlags.ts';

const USAGE = `usage: npm run retention -- --data-dir <dir> [--days <n>] [--thin-minutes <m>] [--full] [--vacuum]
  --data-dir <dir>      the server's data dir                           env LAGEBILD_DATA_DIR
  --days <n>            reduce events older than n days (1-36500)         env LAGEBILD_RETENTION_DAYS
  --thin-minutes <m>    keep one position per unit per m minutes (default 5) env LAGEBILD_RETENTION_THIN_MINUTES
  --full                look at everything before the limit again, not only what is new since the last run
  --vacuum              afterwards, rebuild the file to give freed space back (stop the server first)`;

export { UsageError };

export interface CliArgs {
  dataDir: string;
  days: number;
  thinMinutes: number;
  full: boolean;
  vacuum: boolean;
}

const FLAGS = {
  'data-dir': { type: 'string' },
  days: { type: 'string' },
  'thin-minutes': { type: 'string' },
  full: { type: 'boolean' },
  vacuum: { type: 'boolean' },
} as const;

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliArgs {
  const { values: v } = readFlags(argv, FLAGS);
  const full = v.full ?? false;
  const vacuum = v.vacuum ?? false;
  const values = new Map<string, string>();
  for (const flag of ['data-dir', 'days', 'thin-minutes'] as const) {
    const value = v[flag];
    if (value !== undefined) values.set(`--${flag}`, value);
  }
  const dataDir = values.get('--data-dir') ?? env.LAGEBILD_DATA_DIR;
  if (!dataDir) throw new UsageError('--data-dir is missing');
  const names: Record<string, string> = {
    '--retention-days': '--days',
    '--retention-thin-minutes': '--thin-minutes',
  };
  let options;
  try {
    options = parseRetention((flag, envName) =>
      names[flag] ? (values.get(names[flag]) ?? env[envName]) : undefined,
    );
  } catch (e) {
    if (e instanceof RetentionConfigError) throw new UsageError(e.message);
    throw e;
  }
  if (!options) throw new UsageError('no retention limit: give --days <n> or set LAGEBILD_RETENTION_DAYS');
  const dir = path.resolve(cwd, dataDir);
  if (!fs.existsSync(path.join(dir, 'lagebild.sqlite')))
    throw new UsageError(`no event log (lagebild.sqlite) in ${dir}`);
  return {
    dataDir: dir,
    days: options.days,
    thinMinutes: options.thinMinutes,
    full,
    vacuum,
  };
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2), process.env, process.cwd());
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  let db: Db;
  let audit: AuditLog;
  try {
    db = openDb(args.dataDir, 'full');
  } catch (e) {
    if (!(e instanceof StoreIntegrityError)) throw e;
    console.error(`retention: ${e.message}`);
    return 1;
  }
  try {
    audit = new AuditLog(args.dataDir);
  } catch (e) {
    db.close();
    if (!(e instanceof StoreIntegrityError) && !(e instanceof AuditKeyError)) throw e;
    console.error(`retention: ${e.message}`);
    return 1;
  }
  try {
    const r = await auditedRetention(db, audit, args, 'cli', {
      actor: `cli:${os.userInfo().username}`,
    });
    if (!r) return 1;
    console.log(
      `retention: events before ${new Date(r.cutoff).toISOString()} (${r.days} days) reduced in ${r.chunks} chunks\n` +
        `  positions: ${r.positionsDeleted} thinned out, ${r.positionsKept} kept (one per unit per ${r.thinMinutes} min)\n` +
        `  personal data removed: ${r.incidentsReduced} incident openings, ${r.updatesReduced} updates, ${r.notesDeleted} notes, ${r.snapshotsReduced} snapshots` +
        (r.snapshotsDeleted ? ` (${r.snapshotsDeleted} unreadable snapshots deleted)` : '') +
        `\n  snapshot of the picture at the limit: seq ${r.boundarySeq}; resumes from below seq ${r.floorSeq} get a fresh picture`,
    );
    if (args.vacuum) {
      db.exec('VACUUM');
      console.log('retention: file rebuilt (VACUUM)');
    }
    return 0;
  } catch (e) {
    console.error(
      `retention failed: ${e instanceof Error ? e.message : String(e)} (nothing half-done is kept)`,
    );
    return 1;
  } finally {
    audit.close();
    db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = await main();
}
