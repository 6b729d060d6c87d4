import { constants as zlibConstants, deflateSync, inflateSync } from 'node:zlib';
import { toIdMap } from '#shared/idMap';
import { pictureSchema } from '#shared/schemas';
import type { Picture } from '#shared/picture';
import type { Db } from './db.ts';

/** A picture's JSON as a snapshot stores it: deflated at this zlib level. */
export function compressSnapshot(json: string, level: number): Buffer {
  return deflateSync(json, { level });
}

/** Compressed snapshots of the picture, for a fast start and (later) replay seeks. */
export class Snapshots {
  private readonly insert;
  private readonly latestStmt;
  private readonly atOrBeforeStmt;

  /**
   * level: zlib level of new snapshots. The live server keeps the default; the importer writes
   * hundreds of snapshots in one go and takes the fastest (1), which reads back just as fast.
   */
  constructor(
    db: Db,
    private readonly level: number = zlibConstants.Z_DEFAULT_COMPRESSION,
  ) {
    this.insert = db.prepare('INSERT OR REPLACE INTO snapshots (seq, time, data) VALUES (?, ?, ?)');
    this.latestStmt = db.prepare('SELECT seq, data FROM snapshots ORDER BY seq DESC LIMIT 1');
    this.atOrBeforeStmt = db.prepare('SELECT seq, data FROM snapshots WHERE seq <= ? ORDER BY seq DESC');
  }

  save(picture: Picture, time: number): void {
    this.saveSerialized(picture.seq, time, JSON.stringify(picture));
  }

  /**
   * As save, with the picture as JSON made by the caller: the importer serialises the picture on its
   * main thread (it keeps changing it) and compresses and stores it on its writing thread.
   */
  saveSerialized(seq: number, time: number, json: string): void {
    this.saveCompressed(seq, time, compressSnapshot(json, this.level));
  }

  /** As save, with the picture's JSON compressed by the caller (compressSnapshot). */
  saveCompressed(seq: number, time: number, data: Buffer): void {
    this.insert.run(seq, time, data);
  }

  /**
   * The newest readable snapshot at or before seq. A snapshot that fails to decode is skipped
   * (the log still has every event), so a damaged snapshot costs start-up time, never data.
   * `check`: 'schema' validates the whole picture (start-up); 'shape' trusts zlib's checksum and
   * JSON for integrity and checks only the outline: replay seeks, whose answers the renderer
   * validates anyway, save the full check (the larger part of a seek's time on a busy picture).
   */
  atOrBefore(seq: number, check: 'schema' | 'shape' = 'schema'): Picture | undefined {
    for (const row of this.atOrBeforeStmt.iterate(seq) as Iterable<{ seq: number; data: Buffer }>) {
      const picture = check === 'schema' ? decode(row.data) : decodeShape(row.data);
      if (picture && picture.seq === row.seq) return picture;
    }
    return undefined;
  }

  latest(): Picture | undefined {
    const row = this.latestStmt.get() as { seq: number; data: Buffer } | undefined;
    if (!row) return undefined;
    return decode(row.data) ?? this.atOrBefore(row.seq - 1);
  }
}

function decode(data: Buffer): Picture | undefined {
  try {
    const parsed = pictureSchema.safeParse(JSON.parse(inflateSync(data).toString('utf8')));
    return parsed.success ? (parsed.data as Picture) : undefined;
  } catch {
    return undefined;
  }
}

function decodeShape(data: Buffer): Picture | undefined {
  try {
    const p = JSON.parse(inflateSync(data).toString('utf8')) as Partial<Picture> | null;
    const isMap = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!p || !Number.isInteger(p.seq) || !isMap(p.units) || !isMap(p.incidents)) return undefined;
    // Prototype-free maps, as pictureSchema gives them: readers index them by ids from outside.
    return { seq: p.seq!, units: toIdMap(p.units!), incidents: toIdMap(p.incidents!) };
  } catch {
    return undefined;
  }
}
