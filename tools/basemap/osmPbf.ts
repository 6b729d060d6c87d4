/**
 * A small reader for OpenStreetMap PBF files (the format of Geofabrik/BBBike extracts): blocks are
 * read one at a time from the file, inflated with node:zlib and decoded with pbf, so memory holds
 * one block plus whatever the handlers keep. Node tags are not decoded; the basemap needs none.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { PbfReader } from 'pbf';
import { InputError } from './errors.ts';

export type OsmTags = Record<string, string>;
export interface OsmMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}
export interface OsmHandlers {
  /** Coordinates of a run of nodes (dense or plain), in file order. */
  nodes?(ids: readonly number[], lons: readonly number[], lats: readonly number[]): void;
  way?(id: number, refs: number[], tags: OsmTags): void;
  relation?(id: number, members: OsmMember[], tags: OsmTags): void;
}

const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);
const MAX_HEADER = 64 * 1024;
const MAX_BLOB = 32 * 1024 * 1024;
const MEMBER_TYPES = ['node', 'way', 'relation'] as const;

export function readOsmPbf(file: string, handlers: OsmHandlers): void {
  const fd = openInput(file);
  try {
    const size = fs.fstatSync(fd).size;
    let pos = 0;
    let blocks = 0;
    while (pos < size) {
      const headerLength = readAt(fd, pos, 4, file).readUInt32BE(0);
      pos += 4;
      if (headerLength === 0 || headerLength > MAX_HEADER) throw notPbf(file, 'bad block header length');
      const header = blobHeader(readAt(fd, pos, headerLength, file));
      pos += headerLength;
      if (header.size <= 0 || header.size > MAX_BLOB) throw notPbf(file, 'bad block size');
      const data = blobData(readAt(fd, pos, header.size, file), file);
      pos += header.size;
      if (blocks++ === 0 && header.type !== 'OSMHeader') throw notPbf(file, 'no OSMHeader block first');
      if (header.type === 'OSMHeader') checkHeader(data, file);
      else if (header.type === 'OSMData') readBlock(data, handlers);
    }
    if (blocks === 0) throw notPbf(file, 'the file is empty');
  } finally {
    fs.closeSync(fd);
  }
}

function openInput(file: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function notPbf(file: string, why: string): InputError {
  return new InputError(`${file} is not a readable OSM PBF file (${why})`);
}

function readAt(fd: number, pos: number, length: number, file: string): Buffer {
  const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, pos);
  if (n !== length) throw notPbf(file, 'the file ends inside a block');
  return buf;
}

function blobHeader(buf: Buffer): { type: string; size: number } {
  return new PbfReader(buf).readFields(
    (tag, h, pbf) => {
      if (tag === 1) h.type = pbf.readString();
      else if (tag === 3) h.size = pbf.readVarint();
    },
    { type: '', size: 0 },
  );
}

function blobData(buf: Buffer, file: string): Uint8Array {
  const blob = new PbfReader(buf).readFields(
    (tag, b: { raw?: Uint8Array; zlib?: Uint8Array; other?: number }, pbf) => {
      if (tag === 1) b.raw = pbf.readBytes();
      else if (tag === 3) b.zlib = pbf.readBytes();
      else if (tag >= 4 && tag <= 7) b.other = tag;
    },
    {},
  );
  if (blob.raw) return blob.raw;
  if (blob.zlib) {
    try {
      return zlib.inflateSync(blob.zlib);
    } catch {
      throw notPbf(file, 'a block does not inflate');
    }
  }
  const kind = blob.other === 4 ? 'lzma' : blob.other === 7 ? 'zstd' : 'unknown';
  throw new InputError(`${file}: ${kind} compressed blocks are not supported; re-encode it with zlib`);
}

function checkHeader(data: Uint8Array, file: string): void {
  const required: string[] = [];
  new PbfReader(data).readFields((tag, _r, pbf) => {
    if (tag === 4) required.push(pbf.readString());
  }, null);
  const missing = required.filter((f) => !SUPPORTED_FEATURES.has(f));
  if (missing.length) throw new InputError(`${file} needs unsupported PBF features: ${missing.join(', ')}`);
}

interface Block {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
  groups: [number, number][];
}

function readBlock(data: Uint8Array, handlers: OsmHandlers): void {
  const pbf = new PbfReader(data);
  const block = pbf.readFields(
    (tag, b: Block, p) => {
      if (tag === 1)
        p.readFields(
          (t, s: string[], q) => t === 1 && s.push(q.readString()),
          b.strings,
          p.readVarint() + p.pos,
        );
      else if (tag === 2) {
        const end = p.readVarint() + p.pos;
        b.groups.push([p.pos, end]);
        p.pos = end;
      } else if (tag === 17) b.granularity = p.readVarint();
      else if (tag === 19) b.latOffset = p.readVarint(true);
      else if (tag === 20) b.lonOffset = p.readVarint(true);
    },
    { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] },
  );
  for (const [start, end] of block.groups) {
    pbf.pos = start;
    pbf.readFields(
      (tag, _r, p) => {
        if (tag === 1 && handlers.nodes) readNode(p, block, handlers.nodes);
        else if (tag === 2 && handlers.nodes) readDense(p, block, handlers.nodes);
        else if (tag === 3 && handlers.way) readWay(p, block, handlers.way);
        else if (tag === 4 && handlers.relation) readRelation(p, block, handlers.relation);
      },
      null,
      end,
    );
  }
}

const degrees = (offset: number, granularity: number, value: number): number =>
  (offset + granularity * value) * 1e-9;

function readNode(pbf: PbfReader, b: Block, emit: NonNullable<OsmHandlers['nodes']>): void {
  const n = pbf.readMessage(
    (tag, r, p) => {
      if (tag === 1) r.id = p.readSVarint();
      else if (tag === 8) r.lat = p.readSVarint();
      else if (tag === 9) r.lon = p.readSVarint();
    },
    { id: 0, lat: 0, lon: 0 },
  );
  emit([n.id], [degrees(b.lonOffset, b.granularity, n.lon)], [degrees(b.latOffset, b.granularity, n.lat)]);
}

function readDense(pbf: PbfReader, b: Block, emit: NonNullable<OsmHandlers['nodes']>): void {
  const d = pbf.readMessage(
    (tag, r: { ids: number[]; lats: number[]; lons: number[] }, p) => {
      if (tag === 1) p.readPackedSVarint(r.ids);
      else if (tag === 8) p.readPackedSVarint(r.lats);
      else if (tag === 9) p.readPackedSVarint(r.lons);
    },
    { ids: [], lats: [], lons: [] },
  );
  let id = 0;
  let lat = 0;
  let lon = 0;
  for (let i = 0; i < d.ids.length; i++) {
    id += d.ids[i] ?? 0;
    lat += d.lats[i] ?? 0;
    lon += d.lons[i] ?? 0;
    d.ids[i] = id;
    d.lats[i] = degrees(b.latOffset, b.granularity, lat);
    d.lons[i] = degrees(b.lonOffset, b.granularity, lon);
  }
  emit(d.ids, d.lons, d.lats);
}

interface Tagged {
  id: number;
  keys: number[];
  vals: number[];
}

function tagsOf(r: Tagged, strings: readonly string[]): OsmTags {
  const tags: OsmTags = {};
  for (let i = 0; i < r.keys.length; i++) {
    tags[strings[r.keys[i] ?? 0] ?? ''] = strings[r.vals[i] ?? 0] ?? '';
  }
  return tags;
}

function deltaDecode(values: number[]): number[] {
  let acc = 0;
  for (let i = 0; i < values.length; i++) values[i] = acc += values[i] ?? 0;
  return values;
}

function readWay(pbf: PbfReader, b: Block, emit: NonNullable<OsmHandlers['way']>): void {
  const w = pbf.readMessage(
    (tag, r: Tagged & { refs: number[] }, p) => {
      if (tag === 1) r.id = p.readVarint();
      else if (tag === 2) p.readPackedVarint(r.keys);
      else if (tag === 3) p.readPackedVarint(r.vals);
      else if (tag === 8) p.readPackedSVarint(r.refs);
    },
    { id: 0, keys: [], vals: [], refs: [] },
  );
  emit(w.id, deltaDecode(w.refs), tagsOf(w, b.strings));
}

function readRelation(pbf: PbfReader, b: Block, emit: NonNullable<OsmHandlers['relation']>): void {
  const r = pbf.readMessage(
    (tag, x: Tagged & { roles: number[]; ids: number[]; types: number[] }, p) => {
      if (tag === 1) x.id = p.readVarint();
      else if (tag === 2) p.readPackedVarint(x.keys);
      else if (tag === 3) p.readPackedVarint(x.vals);
      else if (tag === 8) p.readPackedVarint(x.roles);
      else if (tag === 9) p.readPackedSVarint(x.ids);
      else if (tag === 10) p.readPackedVarint(x.types);
    },
    { id: 0, keys: [], vals: [], roles: [], ids: [], types: [] },
  );
  const ids = deltaDecode(r.ids);
  const members = ids.map((ref, i) => ({
    type: MEMBER_TYPES[r.types[i] ?? 0] ?? 'node',
    ref,
    role: b.strings[r.roles[i] ?? 0] ?? '',
  }));
  emit(r.id, members, tagsOf(r, b.strings));
}
