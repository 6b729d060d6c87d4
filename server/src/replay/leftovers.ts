/**
 * Temporary directories of imports that were killed or crashed (`.<name>.<pid>.<hex>.tmp` next to
 * the datasets). They are removed at the next import and at server start, and each removal is
 * reported: a half-built dataset never disappears without a word.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from '../pid.ts';
import { datasetsDir } from './dataset.ts';

const TMP = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Removes the leftovers whose process is gone; returns their names. */
export function removeAbandonedImports(dataDir: string): string[] {
  const dir = datasetsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const entry of fs.readdirSync(dir)) {
    const m = TMP.exec(entry);
    if (!m || processAlive(Number(m[2]))) continue;
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
