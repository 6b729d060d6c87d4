import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../server/src/public.ts';
import { layoutTiles, writePmtiles, writeVarint, type ArchiveInfo } from './pmtilesWriter.ts';
import type { Tile } from './tiler.ts';
import { tempFile } from './testing/data.ts';

const info: ArchiveInfo = {
  minZoom: 0,
  maxZoom: 9,
  bounds: [-180, -85, 180, 85],
  center: [0, 0, 2],
  metadata: { name: 'synthetic', vector_layers: [] },
};
const tile = (z: number, x: number, y: number, text = `${z}/${x}/${y}`): Tile => ({
  z,
  x,
  y,
  data: zlib.gzipSync(Buffer.from(text)),
});
const text = (data: ArrayBuffer | undefined) => (data ? Buffer.from(data).toString() : undefined);

describe('PMTiles writer', () => {
  it('writes varints like protobuf, beyond 32 bits too', () => {
    const out: number[] = [];
    for (const v of [0, 127, 128, 300, 2 ** 35 + 5]) writeVarint(out, v);
    expect(out).toEqual([0, 127, 0x80, 1, 0xac, 2, 0x85, 0x80, 0x80, 0x80, 0x80, 1]);
  });

  it('stores equal tiles once and codes runs of them', () => {
    const same = Buffer.from('same');
    const { entries, contents } = layoutTiles([
      { z: 1, x: 0, y: 0, data: same },
      { z: 1, x: 0, y: 1, data: same },
      { z: 0, x: 0, y: 0, data: Buffer.from('root') },
      { z: 1, x: 1, y: 1, data: same },
    ]);
    expect(contents).toBe(2);
    // Hilbert order at z1: (0,0) id 1, (0,1) id 2, (1,1) id 3, (1,0) id 4.
    expect(entries.map((e) => [e.tileId, e.runLength])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });

  it('round-trips through the pmtiles reader', async () => {
    const file = tempFile('small.pmtiles');
    const stats = writePmtiles(file, [tile(0, 0, 0), tile(3, 4, 2), tile(2, 1, 3)], info);
    expect(stats.bytes).toBe(fs.statSync(file).size);
    const { archive, source } = openArchive(file);
    const h = await archive.getHeader();
    expect([h.numAddressedTiles, h.numTileEntries, h.numTileContents]).toEqual([3, 3, 3]);
    expect([h.minZoom, h.maxZoom, h.centerZoom, h.maxLat]).toEqual([0, 9, 2, 85]);
    expect(text((await archive.getZxy(3, 4, 2))?.data)).toBe('3/4/2');
    expect(text((await archive.getZxy(2, 1, 3))?.data)).toBe('2/1/3');
    expect(await archive.getZxy(3, 4, 3)).toBeUndefined();
    expect(await archive.getMetadata()).toEqual(info.metadata);
    await source.close();
  });

  it('moves entries into leaf directories when the root would pass 16 KiB', async () => {
    // Scattered shared contents make offsets irregular, so the directory compresses poorly.
    const payloads = Array.from({ length: 997 }, (_, k) =>
      zlib.gzipSync(Buffer.from(`p${k}`.padEnd(k % 41))),
    );
    const pick = (x: number, y: number) => (x * 7919 + y * 104_729) % payloads.length;
    const tiles: Tile[] = [];
    for (let x = 0; x < 256; x++)
      for (let y = 0; y < 256; y += 2)
        tiles.push({ z: 8, x, y, data: payloads[pick(x, y)] ?? Buffer.alloc(0) });
    const file = tempFile('leaves.pmtiles');
    const stats = writePmtiles(file, tiles, { ...info, minZoom: 8, maxZoom: 8 });
    expect(stats.leafDirectories).toBeGreaterThan(1);
    expect(stats.tileContents).toBe(997);
    const { archive, source } = openArchive(file);
    const h = await archive.getHeader();
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    for (const [x, y] of [
      [0, 0],
      [255, 254],
      [100, 60],
      [17, 200],
    ] as const)
      expect(text((await archive.getZxy(8, x, y))?.data)).toBe(`p${pick(x, y)}`.padEnd(pick(x, y) % 41));
    expect(await archive.getZxy(8, 3, 1)).toBeUndefined();
    await source.close();
  });

  it('refuses an empty tile set', () => {
    expect(() => writePmtiles(tempFile('none.pmtiles'), [], info)).toThrow(/no tiles/);
  });
});
