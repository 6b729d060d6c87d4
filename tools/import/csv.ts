/**
 * A streaming CSV reader that knows the physical line each record starts on, so every error can
 * name it. It handles quoted fields with delimiters, doubled quotes and line breaks, CRLF/LF/CR,
 * and a UTF-8 byte order mark. A broken record becomes an error record; reading goes on after it.
 */
import { isAscii } from 'node:buffer';
import fs from 'node:fs';

export interface CsvOptions {
  delimiter: string;
  /** The quote character, or false when the file never quotes. */
  quote: string | false;
  /** A WHATWG encoding label (default utf-8); bytes not valid in it stop the reading. */
  encoding?: string | undefined;
}

/** Bytes that are not valid in the declared encoding: the file as a whole cannot be read faithfully. */
export class EncodingError extends Error {}

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

const LF = 10;
const CR = 13;

export class CsvReader {
  private readonly delim: number;
  private readonly quote: number;
  private line = 1;
  private recordLine = 1;
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private afterQuote = false;
  private bad: string | undefined;
  private pendingCr = false;
  private started = false;
  private out: CsvRecord[] = [];

  constructor(options: CsvOptions) {
    this.delim = options.delimiter.charCodeAt(0);
    this.quote = options.quote === false ? -1 : options.quote.charCodeAt(0);
  }

  /** The physical line the reader is on (1-based). */
  get lineNumber(): number {
    return this.line;
  }

  /** Feeds decoded text; returns the records completed by it. */
  push(text: string): CsvRecord[] {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          // The LF of a CRLF: the line was already counted.
          if (this.inQuotes) this.field += '\n';
          continue;
        }
      }
      if (this.inQuotes) {
        if (c === this.quote) {
          this.inQuotes = false;
          this.afterQuote = true;
        } else if (c === LF || c === CR) {
          this.newline(c);
          this.field += text[i];
        } else {
          // The run of plain characters up to the next quote or line break, as one slice.
          const end = this.runEnd(text, i, -1);
          this.field += text.slice(i, end);
          i = end - 1;
        }
        continue;
      }
      if (c === LF || c === CR) {
        if (c === CR) this.pendingCr = true;
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
      } else if (c === this.delim) {
        this.fields.push(this.field);
        this.field = '';
        this.afterQuote = false;
      } else if (this.afterQuote) {
        if (c === this.quote) {
          // A doubled quote inside a quoted field stands for one quote.
          this.field += text[i];
          this.inQuotes = true;
          this.afterQuote = false;
        } else {
          this.bad ??= `unexpected character ${JSON.stringify(text[i])} after a closing quote`;
        }
      } else if (c === this.quote && this.field === '') {
        this.inQuotes = true;
      } else {
        // A quote inside an unquoted field is an ordinary character: the run stops only at a
        // delimiter or line break (and at a quote, which is then taken one character at a time).
        const end = Math.max(i + 1, this.runEnd(text, i, this.delim));
        this.field += text.slice(i, end);
        i = end - 1;
      }
    }
    return this.drain();
  }

  /** Ends the input; returns the last record, or an error for a quote that was never closed. */
  end(): CsvRecord[] {
    if (this.inQuotes) {
      this.out.push({
        line: this.recordLine,
        error: `a quoted field opened here is never closed (lines ${this.recordLine}-${this.line} could not be read)`,
      });
      this.reset();
    } else {
      this.endRecord();
    }
    return this.drain();
  }

  /** The index of the first quote, line break or `stop` character at or after i (text.length if none). */
  private runEnd(text: string, i: number, stop: number): number {
    const n = text.length;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === this.quote || c === LF || c === CR || c === stop) break;
    }
    return j;
  }

  private newline(c: number): void {
    if (c === CR) this.pendingCr = true;
    this.line++;
  }

  private endRecord(): void {
    const blank = this.fields.length === 0 && this.field === '' && !this.afterQuote;
    if (this.bad !== undefined) this.out.push({ line: this.recordLine, error: this.bad });
    else if (!blank) {
      this.fields.push(this.field);
      this.out.push({ line: this.recordLine, fields: this.fields });
    }
    this.reset();
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.afterQuote = false;
    this.inQuotes = false;
    this.bad = undefined;
  }

  private drain(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

/**
 * Reads a CSV file in chunks, yielding records in file order. Decoding is strict: a replacement
 * character would silently corrupt every umlaut of a Latin-1 file read as UTF-8, so an invalid
 * byte stops the import with its line and the option that fixes it.
 */
export async function* readCsvFile(
  file: string,
  options: CsvOptions,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const reader = new CsvReader(options);
  const encoding = options.encoding ?? 'utf-8';
  const decoder = new TextDecoder(encoding, { fatal: true });
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  // A chunk of ASCII bytes reads the same in UTF-8 and Windows-1252 and cannot be invalid: it is
  // taken as it is (a tenth of the reading time of a big export went into the strict decoder). Only
  // while the decoder has seen nothing, so no character it holds back is split off.
  let decoderUnused = decoder.encoding === 'utf-8' || decoder.encoding === 'windows-1252';
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      checkBom(chunk, decoder.encoding, file);
    }
    let text: string;
    if (decoderUnused && isAscii(chunk)) text = chunk.toString('latin1');
    else {
      decoderUnused = false;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw new EncodingError(invalidAt(file, chunk, encoding, reader.lineNumber));
      }
    }
    onBytes?.(chunk.length);
    const records = reader.push(text);
    if (records.length) yield records;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new EncodingError(
      `${file} line ${reader.lineNumber}: the file ends inside a character that is not valid ${encoding}; ` +
        'set csv.encoding to the encoding the file is written in',
    );
  }
  const rest = [...reader.push(tail), ...reader.end()];
  if (rest.length) yield rest;
}

function checkBom(chunk: Buffer, encoding: string, file: string): void {
  const utf16 =
    chunk[0] === 0xff && chunk[1] === 0xfe
      ? 'utf-16le'
      : chunk[0] === 0xfe && chunk[1] === 0xff
        ? 'utf-16be'
        : '';
  if (utf16 && encoding !== utf16)
    throw new EncodingError(
      `${file} starts with a ${utf16.toUpperCase()} byte order mark: set csv.encoding "${utf16}"`,
    );
}

/** The line of the first byte that is not valid: found by decoding the chunk leniently. */
function invalidAt(file: string, chunk: Buffer, encoding: string, line: number): string {
  // Skip continuation bytes of a character that began in the previous chunk.
  let start = 0;
  if (encoding.toLowerCase().replace('_', '-') === 'utf-8' || encoding.toLowerCase() === 'utf8')
    while (start < 3 && start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
  const text = new TextDecoder(encoding).decode(chunk.subarray(start));
  const bad = text.indexOf('\ufffd');
  const before = bad < 0 ? '' : text.slice(0, bad);
  const n = line + (before.match(/\r\n|\r|\n/g)?.length ?? 0);
  const hint = /utf-?8/i.test(encoding) ? ' (e.g. "windows-1252" for a Latin-1 / Windows export)' : '';
  return `${file} line ${n}: bytes that are not valid ${encoding}; set csv.encoding to the encoding the file is written in${hint}`;
}
