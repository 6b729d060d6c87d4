/**
 * Writes a PMTiles v3 archive (header, root directory, JSON metadata, leaf directories, tile data),
 * clustered by Hilbert tile id, with identical tiles stored once and runs of them run-length coded.
 * The `pmtiles` package only reads; its zxyToTileId gives the ids the reader looks up.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import type { Tile } from './tiler.ts';

export interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

export interface ArchiveInfo {
  minZoom: number;
  maxZoom: number;
  /** west, south, east, north */
  bounds: [number, number, number, number];
  center: [number, number, number];
  metadata: Record<string, unknown>;
}

export interface ArchiveStats {
  bytes: number;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  leafDirectories: number;
}

export const HEADER_BYTES = 127;
const ROOT_LIMIT = 16_384;
const GZIP = 2;
const MVT = 1;

export function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    writeVarint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) writeVarint(out, e.runLength);
  for (const e of entries) writeVarint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    writeVarint(out, i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return zlib.gzipSync(Uint8Array.from(out));
}

/** Splits entries into leaves until header + root fit the first 16 KiB, as the spec requires. */
export function buildDirectories(entries: readonly Entry[]): {
  root: Uint8Array;
  leaves: Uint8Array;
  count: number;
} {
  const root = serializeDirectory(entries);
  if (HEADER_BYTES + root.length <= ROOT_LIMIT) return { root, leaves: new Uint8Array(0), count: 0 };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: Entry[] = [];
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize);
      const leaf = serializeDirectory(chunk);
      rootEntries.push({ tileId: chunk[0]?.tileId ?? 0, offset, length: leaf.length, runLength: 0 });
      parts.push(leaf);
      offset += leaf.length;
    }
    const rootBytes = serializeDirectory(rootEntries);
    if (HEADER_BYTES + rootBytes.length <= ROOT_LIMIT)
      return { root: rootBytes, leaves: Buffer.concat(parts), count: parts.length };
  }
}

/** Orders tiles by tile id, stores each distinct content once, and merges runs of equal tiles. */
export function layoutTiles(tiles: readonly Tile[]): {
  entries: Entry[];
  blobs: Uint8Array[];
  contents: number;
} {
  const sorted = tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data }))
    .sort((a, b) => a.id - b.id);
  const entries: Entry[] = [];
  const blobs: Uint8Array[] = [];
  const seen = new Map<string, { offset: number; length: number }>();
  let offset = 0;
  for (const t of sorted) {
    const hash = crypto.createHash('sha256').update(t.data).digest('base64');
    let at = seen.get(hash);
    if (!at) {
      at = { offset, length: t.data.length };
      seen.set(hash, at);
      blobs.push(t.data);
      offset += t.data.length;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === at.offset && last.tileId + last.runLength === t.id) last.runLength++;
    else entries.push({ tileId: t.id, offset: at.offset, length: at.length, runLength: 1 });
  }
  return { entries, blobs, contents: blobs.length };
}

export function writePmtiles(file: string, tiles: readonly Tile[], info: ArchiveInfo): ArchiveStats {
  if (!tiles.length) throw new Error('no tiles to write');
  const { entries, blobs, contents } = layoutTiles(tiles);
  const { root, leaves, count } = buildDirectories(entries);
  const metadata = zlib.gzipSync(JSON.stringify(info.metadata));
  const tileBytes = blobs.reduce((s, b) => s + b.length, 0);
  const rootOffset = HEADER_BYTES;
  const metaOffset = rootOffset + root.length;
  const leafOffset = metaOffset + metadata.length;
  const dataOffset = leafOffset + leaves.length;

  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = [
    rootOffset,
    root.length,
    metaOffset,
    metadata.length,
    leafOffset,
    leaves.length,
    dataOffset,
    tileBytes,
  ];
  u64.push(tiles.length, entries.length, contents);
  u64.forEach((v, i) => header.writeBigUInt64LE(BigInt(v), 8 + i * 8));
  header.writeUInt8(1, 96);
  header.writeUInt8(GZIP, 97);
  header.writeUInt8(GZIP, 98);
  header.writeUInt8(MVT, 99);
  header.writeUInt8(info.minZoom, 100);
  header.writeUInt8(info.maxZoom, 101);
  const e7 = (deg: number) => Math.round(deg * 1e7);
  info.bounds.forEach((v, i) => header.writeInt32LE(e7(v), 102 + i * 4));
  header.writeUInt8(info.center[2], 118);
  header.writeInt32LE(e7(info.center[0]), 119);
  header.writeInt32LE(e7(info.center[1]), 123);

  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      for (const part of [header, root, metadata, leaves, ...blobs]) fs.writeSync(fd, part);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return {
    bytes: dataOffset + tileBytes,
    addressedTiles: tiles.length,
    tileEntries: entries.length,
    tileContents: contents,
    leafDirectories: count,
  };
}
