/**
 * `npm run simulate -- --url … --token …`: runs the simulator until SIGINT/SIGTERM, until the
 * parent process goes away (IPC disconnect or --parent-pid), or until the server refuses the token.
 * Exit codes: 0 stopped, 1 runtime failure, 2 bad arguments or unreadable files.
 */
import { parseCli, USAGE } from './args.ts';
import { SimulatorInputError } from './errors.ts';
import { startSimulator, type SimulatorHandle } from './index.ts';

function fail(e: unknown): never {
  if (e instanceof SimulatorInputError) {
    process.stderr.write(`simulator: ${e.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`simulator: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
}

function main(): void {
  let handle: SimulatorHandle;
  let opts;
  try {
    opts = parseCli(process.argv.slice(2), process.env);
    if (opts.help) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    handle = startSimulator(opts);
  } catch (e) {
    fail(e);
  }
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`[sim] stopping (${why})`);
    void handle.stop().then(() => process.exit(0));
    // Never hang on the way out, whatever the network does.
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (process.send) process.on('disconnect', () => stop('parent disconnected'));
  process.stdout.on('error', () => stop('stdout closed'));
  const parentPid = opts.parentPid;
  if (parentPid !== undefined) {
    setInterval(() => {
      try {
        process.kill(parentPid, 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ESRCH') stop(`parent ${parentPid} ended`);
      }
    }, 1000).unref();
  }
  handle.done.catch((e: unknown) => {
    process.stderr.write(`simulator: ${(e as Error).message}\n`);
    process.exit(1);
  });
}

main();
