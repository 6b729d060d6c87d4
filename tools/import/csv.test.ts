import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from './csv.ts';

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
