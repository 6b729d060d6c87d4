/**
 * Where the events of an import wait until every row is read: a scratch SQLite file of its own in
 * the import's temporary folder (removed with it), written without journal or syncs since a failed
 * import throws it away anyway. A connection of its own lets the sorted read run while the dataset
 * is written through the other, and SQLite sorts files far larger than memory.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Draft } from './drafts.ts';

/** Rows per INSERT statement: one statement call per block is markedly cheaper than one per row. */
const BLOCK = 100;

export class Staging {
  private readonly db: Database.Database;
  private readonly insertBlock;
  private readonly insertOne;
  private readonly args: (number | string)[] = [];
  private count = 0;

  constructor(dir: string) {
    this.db = new Database(path.join(dir, 'staging.sqlite'));
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -65536');
    this.db.exec('CREATE TABLE staging (time INTEGER, line INTEGER, sub INTEGER, data TEXT)');
    const values = (n: number) => Array(n).fill('(?, ?, ?, ?)').join(', ');
    this.insertBlock = this.db.prepare(`INSERT INTO staging VALUES ${values(BLOCK)}`);
    this.insertOne = this.db.prepare(`INSERT INTO staging VALUES ${values(1)}`);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Stages the drafts in one transaction. The stored JSON leaves out seq and received: the log
   * writer puts them in front (sorted()), so the text is made once per event.
   */
  add(drafts: Iterable<Draft>): void {
    const args = this.args;
    this.db.transaction(() => {
      for (const d of drafts) {
        const json = JSON.stringify({ ...d.event, seq: undefined, received: undefined });
        args.push(d.time, d.line, d.sub, json);
        this.count++;
        if (args.length === BLOCK * 4) {
          this.insertBlock.run(args);
          args.length = 0;
        }
      }
      for (let i = 0; i < args.length; i += 4) this.insertOne.run(args.slice(i, i + 4));
      args.length = 0;
    })();
  }

  /** The staged events' JSON in time order (ties in file order), `page` at a time. */
  *sorted(page: number): Generator<string[]> {
    const rows = this.db.prepare('SELECT data FROM staging ORDER BY time, line, sub').pluck();
    let out: string[] = [];
    for (const data of rows.iterate() as Iterable<string>) {
      out.push(data);
      if (out.length === page) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
