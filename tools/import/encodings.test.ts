/**
 * Encodings, headerless files and location columns, on files derived from the Seattle calls: the
 * expected values are the generated ones, never the importer's own reading of them.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { idMap } from '#shared/idMap';
import { seattleCalls } from './testing/dispatchFixture.ts';
import { ImportArgError, importCsv } from './importer.ts';
import { eventsInRange, openDataset } from '../../server/src/store/public.ts';
import { tempDir, writeFile } from './testing/testSupport.ts';

const calls = seattleCalls(200);
// German call types with umlauts, and a Windows-1252-only character (the dash) in the addresses.
const TYPES = ['Ruhestörung', 'Körperverletzung', 'Brand Gebäude', 'Hilflose Person'] as const;
const TARGET = {
  Ruhestörung: 'ruhestoerung',
  Körperverletzung: 'koerperverletzung',
  'Brand Gebäude': 'brand',
};
const rows = calls.map((c, i) => ({
  id: c.id,
  type: TYPES[i % TYPES.length]!,
  address: `${c.address.replace(/ \/ /g, ' – ')} Straße`,
  time: new Date(c.time).toISOString().replace('.000Z', 'Z'),
  lat: c.lat,
  lon: c.lon,
}));
const HEADER = 'Einsatz;Art;Adresse;Zeit;Ort';
const line = (r: (typeof rows)[number]) =>
  `${r.id};${r.type};${r.address};${r.time};POINT (${r.lon} ${r.lat})`;
const TEXT = [HEADER, ...rows.map(line)].join('\r\n') + '\r\n';

const mapping = (csv: object, extra: object = {}) => ({
  version: 1,
  rows: 'incidents',
  csv: { delimiter: ';', ...csv },
  time: { column: 'Zeit', formats: ['ISO'] },
  location: { point: 'Ort' },
  incident: {
    id: '{Einsatz}',
    address: '{Adresse}',
    type: { column: 'Art', map: TARGET, default: 'sonstiges' },
  },
  ...extra,
});

/** Windows-1252 by hand: Latin-1 plus the few characters of 0x80-0x9f this file uses. */
function cp1252(text: string): Buffer {
  const extra: Record<string, number> = { '–': 0x96, '€': 0x80, '„': 0x84, '“': 0x93 };
  return Buffer.from([...text].map((ch) => extra[ch] ?? ch.charCodeAt(0)));
}

function opened(dir: string, name: string) {
  const ds = openDataset(dir, name);
  const events = eventsInRange(ds, ds.info.from, ds.info.to + 1, { limit: 100_000 }).events;
  ds.close();
  return events.flatMap((e: LageEvent) => (e.type === 'incident.opened' ? [e.incident] : []));
}

function expectFaithful(dir: string, name: string) {
  const got = new Map(opened(dir, name).map((i) => [i.id, i]));
  expect(got.size).toBe(rows.length);
  for (const r of rows) {
    expect(got.get(r.id)).toMatchObject({
      address: r.address,
      type: (TARGET as Record<string, string>)[r.type] ?? 'sonstiges',
      location: { lat: r.lat, lon: r.lon },
    });
  }
}

describe('encodings', () => {
  let dir: string;
  const files = idMap<string>();
  beforeAll(() => {
    dir = tempDir();
    const write = (name: string, bytes: Buffer) => {
      files[name] = writeFile(dir, name, '');
      fs.writeFileSync(files[name], bytes);
    };
    write('utf8.csv', Buffer.from(TEXT, 'utf8'));
    write('cp1252.csv', cp1252(TEXT));
    write('latin1.csv', cp1252(TEXT.replace(/–/g, '-')));
    write('utf16.csv', Buffer.from(`\ufeff${TEXT}`, 'utf16le'));
  });

  for (const [file, encoding] of [
    ['utf8.csv', undefined],
    ['cp1252.csv', 'windows-1252'],
    ['latin1.csv', 'latin1'],
    ['utf16.csv', 'utf-16le'],
  ] as const) {
    it(`reads ${file} with encoding ${encoding ?? '(default utf-8)'} without losing a character`, async () => {
      const name = file.replace('.csv', '');
      await importCsv({
        dataDir: dir,
        mappingFile: writeFile(dir, `${name}.json`, mapping(encoding ? { encoding } : {})),
        csvFile: files[file]!,
        dataset: name,
      });
      if (file === 'latin1.csv') {
        const got = opened(dir, name);
        expect(got.filter((i) => i.address?.includes('Straße'))).toHaveLength(rows.length);
      } else expectFaithful(dir, name);
    });
  }

  it('stops at the first byte that is not UTF-8, naming the line and csv.encoding, and writes nothing', async () => {
    const run = importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'default.json', mapping({})),
      csvFile: files['cp1252.csv']!,
      dataset: 'wrong',
    });
    // Line 2 is the first data row: its type or address has the first non-ASCII byte.
    await expect(run).rejects.toThrow(ImportArgError);
    await expect(run).rejects.toThrow(
      /line 2: bytes that are not valid utf-8; set csv\.encoding .*"windows-1252"/,
    );
    expect(fs.existsSync(`${dir}/datasets/wrong.sqlite`)).toBe(false);
  });

  it('names the line of a bad byte deep in the file', async () => {
    const n = 150;
    const text = [
      HEADER,
      ...rows.map((r, i) =>
        i === n - 2 ? line(r).replace('Straße', 'Stra\u00dfe') : line(r).replace(/[^ -~]/g, '_'),
      ),
    ].join('\n');
    const file = writeFile(dir, 'mostly-ascii.csv', '');
    fs.writeFileSync(file, cp1252(text));
    await expect(
      importCsv({
        dataDir: dir,
        mappingFile: writeFile(dir, 'd.json', mapping({})),
        csvFile: file,
        dataset: 'x',
      }),
    ).rejects.toThrow(`line ${n}: bytes that are not valid utf-8`);
  });

  it('recognises a UTF-16 file read as UTF-8 by its byte order mark', async () => {
    await expect(
      importCsv({
        dataDir: dir,
        mappingFile: writeFile(dir, 'u.json', mapping({})),
        csvFile: files['utf16.csv']!,
        dataset: 'y',
      }),
    ).rejects.toThrow('starts with a UTF-16LE byte order mark: set csv.encoding "utf-16le"');
  });

  it('rejects an unknown encoding in the mapping', async () => {
    await expect(
      importCsv({
        dataDir: dir,
        mappingFile: writeFile(dir, 'e.json', mapping({ encoding: 'klingon' })),
        csvFile: files['utf8.csv']!,
        dataset: 'z',
      }),
    ).rejects.toThrow('csv.encoding: unknown encoding');
  });
});
