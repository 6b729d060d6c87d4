/**
 * One section of the server's settings file (`--basemap-config` or `<data-dir>/settings.json`), such
 * as the TETRA or CoT tables: read again only when the file changed (inode, size, mtime), validated,
 * and kept with a clear error when it is missing or wrong, so an operator can fix the file while the
 * server runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describeIssues } from '#shared/schemas';

export type SectionRead<T> = { ok: true; tables: T } | { ok: false; error: string };

export class SettingsSection<T> {
  private version = '';
  private checkedAt = -Infinity;
  private value: SectionRead<T> = { ok: false, error: 'not read yet' };

  /** `missing` is the error while the file or its section is absent; `checkEveryMs` spaces the stats. */
  constructor(
    readonly file: string,
    private readonly key: string,
    private readonly schema: z.ZodType<T>,
    private readonly missing: string,
    private readonly checkEveryMs = 0,
  ) {}

  tables(now = Date.now()): SectionRead<T> {
    if (now - this.checkedAt < this.checkEveryMs) return this.value;
    this.checkedAt = now;
    const st = fs.statSync(this.file, { throwIfNoEntry: false });
    const version = st ? `${st.ino}:${st.size}:${st.mtimeMs}` : 'missing';
    if (version === this.version) return this.value;
    this.version = version;
    this.value = this.read(st !== undefined);
    return this.value;
  }

  private read(exists: boolean): SectionRead<T> {
    if (!exists) return { ok: false, error: this.missing };
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (e) {
      return { ok: false, error: `${this.file} is not valid JSON: ${(e as Error).message}` };
    }
    const section =
      raw !== null && typeof raw === 'object' && Object.hasOwn(raw, this.key)
        ? (raw as Record<string, unknown>)[this.key]
        : undefined;
    if (section === undefined) return { ok: false, error: this.missing };
    const parsed = this.schema.safeParse(section);
    if (!parsed.success)
      return {
        ok: false,
        error: `the ${this.key} section of ${this.file} is not valid: ${describeIssues(parsed.error).join('; ')}`,
      };
    return { ok: true, tables: parsed.data };
  }
}

/** The server's settings file: `--basemap-config`, else `<data-dir>/settings.json`. */
export const settingsFileOf = (config: { basemapConfig: string | undefined; dataDir: string }): string =>
  config.basemapConfig ?? path.join(config.dataDir, 'settings.json');

/** One reader per settings file and section (each keeps what it read and when). */
export function sectionReader<S>(
  cache: Map<string, S>,
  config: { basemapConfig: string | undefined; dataDir: string },
  make: (file: string) => S,
): S {
  const file = settingsFileOf(config);
  let s = cache.get(file);
  if (!s) cache.set(file, (s = make(file)));
  return s;
}
