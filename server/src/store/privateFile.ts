import fs from 'node:fs';

/**
 * Makes a SQLite database file readable by its owner only before SQLite opens it: a new file is
 * created empty with mode 0600 (an empty file is a valid empty database), an existing one and its
 * -wal/-shm companions are narrowed to 0600. SQLite creates -wal and -shm with the permissions of the
 * database file, so they follow. The data dir is 0700 already; this also holds when an administrator
 * points --data-dir at an existing, wider directory.
 */
export function privateDatabaseFile(file: string): string {
  fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_RDWR, 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return file;
}
