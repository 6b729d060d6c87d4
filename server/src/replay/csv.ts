/**
 * A streaming CSV reader that knows the physical line each record starts on, so every error can
 * name it. It handles quoted fields with delimiters, doubled quotes and line breaks, CRLF/LF/CR,
 * and a UTF-8 byte order mark. A broken record becomes an error record; reading goes on after it.
 */
import fs from 'node:fs';

export interface CsvOptions {
  delimiter: string;
  /** The quote character, or false when the file never quotes. */
  quote: string | false;
}

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
        } else {
          if (c === LF || c === CR) this.newline(c);
          this.field += text[i];
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
        this.field += text[i];
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

/** Reads a CSV file in chunks, yielding records in file order. */
export async function* readCsvFile(file: string, options: CsvOptions): AsyncGenerator<CsvRecord[]> {
  const reader = new CsvReader(options);
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    const records = reader.push(chunk);
    if (records.length) yield records;
  }
  const rest = reader.end();
  if (rest.length) yield rest;
}
