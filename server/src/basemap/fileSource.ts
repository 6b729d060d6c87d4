/** A `pmtiles` Source over a local file, so Node code (server, tests) reads archives like the browser. */
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { Compression, PMTiles, type RangeResponse, type Source } from 'pmtiles';

export class FileSource implements Source {
  private handle: Promise<fs.FileHandle> | undefined;
  constructor(private readonly file: string) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const fh = await (this.handle ??= fs.open(this.file, 'r'));
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (h) await (await h).close();
  }
}

/** node:zlib instead of the browser's DecompressionStream; archives use gzip or nothing. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression !== Compression.Gzip) throw new Error(`unsupported PMTiles compression ${compression}`);
  const out = zlib.gunzipSync(new Uint8Array(buf));
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

export function openArchive(file: string): { archive: PMTiles; source: FileSource } {
  const source = new FileSource(file);
  return { archive: new PMTiles(source, undefined, decompress), source };
}
