/**
 * A full disk (or quota) is an outage of the data dir, not a bug: the server answers 503 to what
 * needs a write, keeps serving what does not, and its background jobs retry until space returns.
 */

/** SQLite's SQLITE_FULL (and its I/O errors of a failed write) and the file system's ENOSPC / EDQUOT. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_IOERR_WRITE';
}

/** What a caller is told when a request needs a write the disk cannot take. */
export const STORAGE_FULL_ERROR =
  'the server cannot write to its data dir (disk full); this request must be recorded and is refused until space is freed';

/** The state of one kind of write (event log, audit log) for GET /api/v1/health. */
export class WriteHealth {
  failingSince: number | undefined;
  error: string | undefined;

  failed(err: unknown, now = Date.now()): void {
    this.failingSince ??= now;
    this.error = shortError(err);
  }

  succeeded(): void {
    this.failingSince = undefined;
    this.error = undefined;
  }
}

/** An error as health shows it: its code and the first line, no stack and no paths of the host. */
export function shortError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  const first = (text.split('\n')[0] ?? '').replace(/\/[^\s'"]+/g, '<path>').slice(0, 160);
  return typeof code === 'string' && !first.includes(code) ? `${code}: ${first}` : first;
}
