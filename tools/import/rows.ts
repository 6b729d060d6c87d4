/** What a converter makes of a row, and the parts every kind of row shares. */
import type { Row } from './cells.ts';
import type { Draft } from './drafts.ts';

/** The row's events, or a note that it repeats an incident id already imported from another line. */
export type RowResult =
  | { drafts: Draft[] }
  /** `what` names what is repeated (default: the incident `id`). */
  | { duplicateOf: number; id: string; what?: string };

export interface Finished {
  /** Read once, in any order (the log is sorted afterwards); may be made as it is read. */
  drafts: Iterable<Draft>;
  /**
   * Set when `drafts` come in log order (byLogOrder) and the rows gave none: they are written as they
   * come, without staging and sorting. `expected` estimates their number for progress.
   */
  inLogOrder?: { expected(): number };
  /** Rows accepted one by one but dropped as a group (an incident none of whose rows has a location). */
  rejectedRows: number;
}

export interface Converter {
  /** Throws RowError for a row that cannot be imported. */
  row(row: Row): RowResult;
  /** Events that depend on all rows (unit registrations, releases), after the last row. */
  finish(bad: (line: number, message: string) => void): Finished;
  stats(): { incidents: number; units: number; positions: number };
}
