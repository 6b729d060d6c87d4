#!/usr/bin/env node
/**
 * `npm run import -- --data-dir <dir> --mapping <mapping.json> <file.csv> [--dataset <name>]`:
 * loads a CSV of calls, CAD incidents or vehicle fixes into a named replay dataset.
 * Exit codes: 0 something was imported, 1 nothing could be imported, 2 bad arguments or mapping.
 */
import { DatasetError } from './dataset.ts';
import { DEFAULT_SNAPSHOT_EVERY, ImportArgError, importCsv } from './importer.ts';
import { MappingError } from './mapping.ts';
import { formatSummary } from './summary.ts';

export const USAGE = `Usage: npm run import -- --data-dir <dir> --mapping <mapping.json> <file.csv> [options]
  --data-dir <dir>        the server's data dir; datasets go to <dir>/datasets/<name>.sqlite
  --mapping <file>        mapping file (see docs/import.md), e.g. server/mappings/seattle-fire-911.json
  --dataset <name>        dataset name (default: from the CSV file name)
  --replace               replace an existing dataset of that name (atomically)
  --snapshot-every <n>    events between stored snapshots (default ${DEFAULT_SNAPSHOT_EVERY})
  --show-duplicates       list each row that repeats an incident id
  --quiet                 print only the summary, not each bad row`;

class ArgError extends Error {}

function parseArgs(argv: readonly string[]) {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (['--replace', '--quiet', '--show-duplicates', '--help', '-h'].includes(arg)) flags.add(arg);
    else if (['--data-dir', '--mapping', '--dataset', '--snapshot-every'].some((f) => arg.startsWith(f))) {
      const [name, inline] = arg.split('=', 2) as [string, string | undefined];
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new ArgError(`${name} needs a value`);
      values.set(name, value);
    } else if (arg.startsWith('-')) throw new ArgError(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (flags.has('--help') || flags.has('-h')) return undefined;
  const dataDir = values.get('--data-dir');
  const mappingFile = values.get('--mapping');
  if (!dataDir) throw new ArgError('--data-dir is required');
  if (!mappingFile) throw new ArgError('--mapping is required');
  if (files.length !== 1)
    throw new ArgError(files.length ? `one CSV file, not ${files.length}` : 'which CSV file?');
  const every = values.get('--snapshot-every');
  const snapshotEvery = every === undefined ? undefined : Number(every);
  if (snapshotEvery !== undefined && !(Number.isInteger(snapshotEvery) && snapshotEvery >= 100))
    throw new ArgError('--snapshot-every must be an integer of at least 100');
  return {
    dataDir,
    mappingFile,
    csvFile: files[0]!,
    dataset: values.get('--dataset'),
    replace: flags.has('--replace'),
    snapshotEvery,
    quiet: flags.has('--quiet'),
    showDuplicates: flags.has('--show-duplicates'),
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
    const summary = await importCsv({
      ...args,
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
