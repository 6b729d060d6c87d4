import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvReader, EncodingError, readCsvFile, type CsvRecord } from './csv.ts';
import { tempDir } from './testing/testSupport.ts';

function read(text: string, chunk = text.length, options = { delimiter: ',', quote: '"' as const }) {
  const r = new CsvReader(options);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
  out.push(...r.end());
  return out;
}

describe('CsvReader', () => {
  const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",3\r\n\r\nplain,"multi\r\nline",z\r\nlast,row,"q"';
  const expected = [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['x, y', 'say "hi"', '3'] },
    { line: 4, fields: ['plain', 'multi\r\nline', 'z'] },
    { line: 6, fields: ['last', 'row', 'q'] },
  ];

  it('reads quoted delimiters, doubled quotes, CRLF, blank lines, a BOM and multi-line fields', () => {
    expect(read(text)).toEqual(expected);
  });

  it('gives the same records however the text is split into chunks', () => {
    for (const chunk of [1, 2, 3, 7]) expect(read(text, chunk)).toEqual(expected);
  });

  it('accepts LF and lone CR line ends, empty fields and a missing final newline', () => {
    expect(read('a,b\n,\rx,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['', ''] },
      { line: 3, fields: ['x', ''] },
    ]);
  });

  it('reports a character after a closing quote and goes on with the next record', () => {
    expect(read('a,"b"c,d\ne,f,g\n')).toEqual([
      { line: 1, error: 'unexpected character "c" after a closing quote' },
      { line: 2, fields: ['e', 'f', 'g'] },
    ]);
  });

  it('reports a quote that is never closed with the lines it swallowed', () => {
    expect(read('a,b\n"open,x\ny,z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'a quoted field opened here is never closed (lines 2-4 could not be read)' },
    ]);
  });

  it('keeps a quote inside an unquoted field as it is, in any chunking', () => {
    for (const chunk of [1, 2, 100])
      expect(read('ab"c"d,5" pipe\n', chunk)).toEqual([{ line: 1, fields: ['ab"c"d', '5" pipe'] }]);
  });

  it('supports other delimiters and files without quoting', () => {
    expect(read('a;"b;c"\n', 100, { delimiter: ';', quote: '"' })).toEqual([
      { line: 1, fields: ['a', 'b;c'] },
    ]);
    const r = new CsvReader({ delimiter: '\t', quote: false });
    expect([...r.push('a\t"b\n'), ...r.end()]).toEqual([{ line: 1, fields: ['a', '"b'] }]);
  });
});

describe('readCsvFile over chunks of ASCII (taken without the decoder) and of other bytes', () => {
  const CHUNK = 256 * 1024; // readCsvFile's read size
  // Enough ASCII rows for more than one chunk, then rows with umlauts and a 3-byte character
  // placed across the boundary of the chunk it falls in.
  const ascii = Array.from({ length: 12_000 }, (_, i) => `${i},Hauptstrasse ${i},ok`);
  const rest = Array.from({ length: 6_000 }, (_, i) => `${12_000 + i},Königsallee ${i},Ä€ß`);
  const text = ['id,address,note', ...ascii, ...rest].join('\n') + '\n';
  const all = async (file: string, encoding: string) => {
    const out: CsvRecord[] = [];
    for await (const records of readCsvFile(file, { delimiter: ',', quote: '"', encoding }))
      out.push(...records);
    return out;
  };

  it('gives the records of the whole text decoded at once (UTF-8 and Windows-1252)', async () => {
    const dir = tempDir();
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.indexOf(Buffer.from('Ä'))).toBeGreaterThan(CHUNK);
    // Padding in the ASCII part moves the last euro sign before the second boundary to start one byte
    // before it: its three bytes are split over two chunks.
    const euro = bytes.lastIndexOf(Buffer.from('€'), 2 * CHUNK - 1);
    const pad = Buffer.from('x'.repeat(2 * CHUNK - 1 - euro));
    const shifted = Buffer.concat([bytes.subarray(0, 100), pad, bytes.subarray(100)]);
    expect(shifted.subarray(2 * CHUNK - 1, 2 * CHUNK + 2).toString('utf8')).toBe('€');
    const file = path.join(dir, 'utf8.csv');
    fs.writeFileSync(file, shifted);
    expect(await all(file, 'utf-8')).toEqual(read(shifted.toString('utf8')));
    const cp = path.join(dir, 'cp1252.csv');
    fs.writeFileSync(cp, latin1(text.replace(/€/g, 'e')));
    expect(await all(cp, 'windows-1252')).toEqual(read(text.replace(/€/g, 'e')));
  });

  it('still stops at a byte that is not UTF-8 after ASCII chunks, naming its line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.csv');
    const lines = ['id,address,note', ...ascii, '12000,Stra\u00dfe 1,ok', ...ascii];
    fs.writeFileSync(file, latin1(lines.join('\n')));
    expect(fs.statSync(file).size).toBeGreaterThan(CHUNK);
    const run = all(file, 'utf-8');
    await expect(run).rejects.toThrow(EncodingError);
    await expect(run).rejects.toThrow(`line ${ascii.length + 2}: bytes that are not valid utf-8`);
  });
});

/** The text as Latin-1 bytes (every character below U+0100). */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}
