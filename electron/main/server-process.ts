/**
 * The life cycle of the embedded Lage server, independent of how it was spawned: wait until it
 * prints its URL (or fails, or takes too long), and stop it with a grace period before forcing it.
 * Electron's utility process and Node's child process both fit `ServerProcess`, so this is tested
 * with real child processes.
 */
import { parseServerUrl } from './server-url.ts';

export interface ServerProcess {
  stdout: NodeJS.ReadableStream | null;
  stderr: NodeJS.ReadableStream | null;
  /** Resolves with the exit code (null if killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  /** Asks the process to stop (SIGTERM on POSIX). */
  terminate(): void;
  /** Ends it for certain (SIGKILL). */
  forceKill(): void;
}

const TAIL_LINES = 20;

/** Keeps the last lines of a stream, so a start-up failure can say what the server printed. */
export function collectTail(stream: NodeJS.ReadableStream | null): () => string {
  const lines: string[] = [];
  stream?.on('data', (chunk: Buffer | string) => {
    lines.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - TAIL_LINES));
  });
  return () => lines.join('\n');
}

export class ServerStartError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(output ? `${message}\n--- server output ---\n${output}` : message);
    this.name = 'ServerStartError';
  }
}

/** 'exit' can come before the last output; wait (briefly) until the pipes are read to the end. */
function drained(streams: (NodeJS.ReadableStream | null)[], maxMs: number): Promise<void> {
  const ends = streams.map((s) =>
    s ? new Promise<void>((resolve) => s.once('end', () => resolve())) : null,
  );
  const limit = new Promise<void>((resolve) => setTimeout(resolve, maxMs).unref());
  return Promise.race([Promise.all(ends), limit]).then(() => undefined);
}

/** Resolves with the server origin from its stdout; rejects on exit or timeout with its output. */
export function waitForServerUrl(proc: ServerProcess, timeoutMs: number): Promise<string> {
  const stderrTail = collectTail(proc.stderr);
  const stdoutTail = collectTail(proc.stdout);
  const output = (): string => [stdoutTail(), stderrTail()].filter(Boolean).join('\n');
  return new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer | string): void => {
      // The URL may arrive split across chunks; keep a bounded window of recent text.
      seen = (seen + String(chunk)).slice(-4096);
      const url = parseServerUrl(seen);
      if (url) finish(() => resolve(url));
    };
    const timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 100) / 10;
      finish(() =>
        reject(new ServerStartError(`Lage server did not report its URL within ${seconds} s`, output())),
      );
    }, timeoutMs);
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      proc.stdout?.off('data', onData);
      settle();
    };
    proc.stdout?.on('data', onData);
    void proc.exited.then(async (code) => {
      await drained([proc.stdout, proc.stderr], 250);
      finish(() =>
        reject(
          new ServerStartError(
            `Lage server exited (code ${code ?? 'signal'}) before reporting its URL`,
            output(),
          ),
        ),
      );
    });
    if (!proc.stdout)
      finish(() => reject(new ServerStartError('Lage server has no stdout to read its URL from', '')));
  });
}

export type StopOutcome = 'stopped' | 'killed';

/** Asks the server to stop; forces it after `graceMs`. Resolves once the process has ended. */
export async function stopServer(proc: ServerProcess, graceMs: number): Promise<StopOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  proc.terminate();
  const first = await Promise.race([proc.exited.then(() => 'exited' as const), grace]);
  clearTimeout(timer);
  if (first === 'exited') return 'stopped';
  proc.forceKill();
  await proc.exited;
  return 'killed';
}
