/**
 * Where basemap assets may come from: the folders given with `--basemap-dir` and nothing else.
 * An admin can name any path in the settings, and whatever the settings name is served to every
 * signed-in user; so every archive, style, sprite, glyph and overlay file must really (after
 * symlinks) lie inside one of those folders, and never inside the data dir, which holds the
 * users, the local credential and the event log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { within } from '../http/static.ts';

export interface BasemapPlaces {
  /** The server's data dir: never a source of basemap assets, even inside a basemap folder. */
  dataDir: string;
  /** `--basemap-dir`: the only folders basemap assets are read from. */
  basemapDirs: readonly string[];
}

/** The folders as real paths, checked once; answers whether a file may be served. */
export class BasemapFolders {
  private constructor(
    private readonly roots: readonly string[],
    private readonly dataDir: string,
  ) {}

  /** Throws (message for the admin) when a folder is missing or is or lies in the data dir. */
  static of(places: BasemapPlaces): BasemapFolders {
    const dataDir = real(places.dataDir) ?? path.resolve(places.dataDir);
    const roots = places.basemapDirs.map((dir) => {
      const r = real(dir);
      if (!r || !fs.statSync(r).isDirectory()) throw new Error(`basemap folder not found: ${dir}`);
      if (within(r, dataDir))
        throw new Error(`basemap folder ${dir} is in the data dir ${places.dataDir}, which is never served`);
      return r;
    });
    return new BasemapFolders(roots, dataDir);
  }

  /**
   * The real path of `file` when it may be served, or why not. Symlinks are resolved first, so a
   * link inside a folder that points out of it is refused like the target itself.
   */
  check(file: string): { ok: true; real: string } | { ok: false; reason: string } {
    const r = real(file);
    if (!r) return { ok: false, reason: 'not found' };
    if (within(r, this.dataDir)) return { ok: false, reason: 'is in the data dir, which is never served' };
    if (!this.roots.some((root) => within(r, root)))
      return {
        ok: false,
        reason: this.roots.length
          ? `is not inside a basemap folder (--basemap-dir ${this.roots.join(path.delimiter)})`
          : 'is not inside a basemap folder: none is configured (--basemap-dir)',
      };
    return { ok: true, real: r };
  }
}

function real(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}
