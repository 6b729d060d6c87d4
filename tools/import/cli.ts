#!/usr/bin/env node
/**
 * `npm run import -- --data-dir <dir> --mapping <mapping.json> <file.csv> [--dataset <name>]`:
 * loads a CSV of calls, CAD incidents or vehicle fixes into a named replay dataset.
 * Exit codes: 0 something was imported, 1 nothing could be imported, 2 bad arguments or mapping.
 */
import fs from 'node:fs';
import { DatasetError, datasetFile, datasetsDir, listDatasets } from '../../server/src/store/public.ts';
import { DEFAULT_SNAPSHOT_EVERY, ImportArgError, importCsv } from './importer.ts';
import { MappingError } from './mapping.ts';
import { formatListEntry, formatProgress, formatWriteProgress, formatSummary } from './summary.ts';
import { readFlags, UsageError } from '../../server/src/cliFlags.ts';

export const USAGE = `Usage: npm run import -- --data-dir <dir> --mapping <mapping.json> <file.csv> [options]
  --data-dir <dir>        the server's data dir; datasets go to <dir>/datasets/<name>.sqlite
  --mapping <file>        mapping file (see docs/import.md), e.g. server/mappings/seattle-fire-911.json
  --dataset <name>        dataset name (default: from the CSV file name)
  --replace               replace an existing dataset of that name (atomically)
  --snapshot-every <n>    events between stored snapshots (default ${DEFAULT_SNAPSHOT_EVERY})
  --show-duplicates       list each row that repeats an incident id
  --quiet                 print only the summary, not each bad row, and no progress
  --dry-run               check every row and print the summary, but write no dataset
Datasets: npm run import -- --data-dir <dir> --list | --remove <name>`;

const FLAGS = {
  'data-dir': { type: 'string' },
  mapping: { type: 'string' },
  dataset: { type: 'string' },
  'snapshot-every': { type: 'string' },
  remove: { type: 'string' },
  replace: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'show-duplicates': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseArgs(argv: readonly string[]) {
  const { values: v, positionals: files } = readFlags(argv, FLAGS, true);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (const [flag, value] of Object.entries(v)) {
    if (value === true) flags.add(`--${flag}`);
    else if (typeof value === 'string') values.set(`--${flag}`, value);
  }
  if (flags.has('--help')) return undefined;
  const dataDir = values.get('--data-dir');
  const mappingFile = values.get('--mapping');
  if (!dataDir) throw new UsageError('--data-dir is required');
  const remove = values.get('--remove');
  if (flags.has('--list') || remove !== undefined) {
    if (files.length || mappingFile) throw new UsageError('--list and --remove take only --data-dir');
    return { manage: true as const, dataDir, list: flags.has('--list'), remove };
  }
  if (!mappingFile) throw new UsageError('--mapping is required');
  if (files.length !== 1)
    throw new UsageError(files.length ? `one CSV file, not ${files.length}` : 'which CSV file?');
  const every = values.get('--snapshot-every');
  const snapshotEvery = every === undefined ? undefined : Number(every);
  if (snapshotEvery !== undefined && !(Number.isInteger(snapshotEvery) && snapshotEvery >= 100))
    throw new UsageError('--snapshot-every must be an integer of at least 100');
  return {
    manage: false as const,
    dataDir,
    mappingFile,
    csvFile: files[0]!,
    dataset: values.get('--dataset'),
    replace: flags.has('--replace'),
    snapshotEvery,
    quiet: flags.has('--quiet'),
    showDuplicates: flags.has('--show-duplicates'),
    dryRun: flags.has('--dry-run'),
  };
}

/** --list and --remove: the catalogue of a data dir. */
function manage(dataDir: string, list: boolean, remove: string | undefined): number {
  if (remove !== undefined) {
    const file = datasetFile(dataDir, remove);
    if (!fs.existsSync(file)) throw new DatasetError(`there is no dataset "${remove}" (${file})`);
    // A replay reading the file keeps its open handle; the name is gone for new readers at once.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    console.log(`Removed dataset "${remove}" (${file})`);
  }
  if (list) {
    const { datasets, problems } = listDatasets(dataDir);
    for (const d of datasets) console.log(formatListEntry(d));
    if (!datasets.length) console.log(`No datasets in ${datasetsDir(dataDir)}`);
    for (const p of problems) console.error(`problem: ${p}`);
  }
  return 0;
}

/** Files from this size on get progress lines (smaller ones are done in a few seconds). */
const PROGRESS_FROM_BYTES = 4 * 1024 * 1024;

/** Progress on stderr for long files, at most once a second. */
/** Progress lines on stderr, at most one a second, for files of PROGRESS_FROM_BYTES and more. */
function progressReporters(csvFile: string) {
  let size = 0;
  try {
    size = fs.statSync(csvFile).size;
  } catch {
    // The importer reports an unreadable file itself.
  }
  if (size < PROGRESS_FROM_BYTES) return { onProgress: undefined, onWriteProgress: undefined };
  const started = performance.now();
  let writing = 0;
  let last = started;
  const due = () => {
    const now = performance.now();
    if (now - last < 1000) return false;
    last = now;
    return true;
  };
  return {
    onProgress: ({ rows, bytes }: { rows: number; bytes: number }) => {
      if (due())
        console.error(`progress: ${formatProgress({ rows, bytes, size, ms: performance.now() - started })}`);
    },
    onWriteProgress: ({ events, total }: { events: number; total: number }) => {
      writing ||= performance.now();
      if (due())
        console.error(`progress: ${formatWriteProgress({ events, total, ms: performance.now() - writing })}`);
    },
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`import: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  try {
    if (args.manage) return manage(args.dataDir, args.list, args.remove);
    const summary = await importCsv({
      ...args,
      ...(args.quiet ? {} : progressReporters(args.csvFile)),
      onLeftover: (entry) => console.error(`removed ${entry}, the leftover of an import that did not finish`),
      onRowError: args.quiet ? undefined : (line, message) => console.error(`line ${line}: ${message}`),
      onDuplicate: args.showDuplicates
        ? (line, message) => console.error(`line ${line}: ${message}`)
        : undefined,
    });
    console.log(formatSummary(summary, args.csvFile));
    return summary.imported > 0 ? 0 : 1;
  } catch (err) {
    if (err instanceof MappingError || err instanceof DatasetError || err instanceof ImportArgError) {
      console.error(`import: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`import failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
