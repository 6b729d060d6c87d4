/**
 * Reads and writes the remembered window state as JSON in the user-data folder. Reading never
 * throws: a missing or corrupt file just means "no saved state" (restoreWindowState validates it).
 * Writing goes through a temporary file and a rename, so a crash mid-write cannot corrupt it.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WindowState } from './window-state.ts';

export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      console.warn(`Lagebild: ignoring unreadable window state ${file}: ${(error as Error).message}`);
    }
    return undefined;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}
