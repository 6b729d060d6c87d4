/**
 * Units named by rows: each is registered once, just before its first event in time, with the
 * callsign, kind and district of the first row that names it.
 */
import { UNIT_KINDS, type UnitKind } from '#shared/domain';
import { ID_PATTERN } from '#shared/schemas';
import { Lookup, render, RowError, type Row } from './cells.ts';
import { toDraft, type Draft } from './drafts.ts';
import type { Mapping } from './mapping.ts';

type UnitSpec = NonNullable<Mapping['unit']>;

interface Known {
  registration: Draft;
  first: number;
  firstLine: number;
}

export class UnitRegistry {
  private readonly known = new Map<string, Known>();
  private readonly kind: (row: Row) => UnitKind;

  constructor(
    private readonly spec: UnitSpec,
    private readonly received: number,
  ) {
    const k = spec.kind;
    if (typeof k === 'string') this.kind = () => k;
    else {
      const lookup = new Lookup<UnitKind>(k, 'unit.kind', (raw) =>
        (UNIT_KINDS as readonly string[]).includes(raw.toLowerCase())
          ? (raw.toLowerCase() as UnitKind)
          : undefined,
      );
      this.kind = (row) => lookup.get(row);
    }
  }

  /** The unit id of a row; undefined when the row names none (a call nobody was sent to). */
  idOf(row: Row): string | undefined {
    const { text, missing } = render(this.spec.id, row);
    return missing || text === '' ? undefined : text;
  }

  get count(): number {
    return this.known.size;
  }

  /** The unit id of a row, and its registration when the unit is new. Throws RowError. */
  resolve(row: Row, time: number): { id: string; registration?: Draft } {
    const { text: id, missing } = render(this.spec.id, row);
    if (missing || id === '') throw new RowError(`the unit id (${this.spec.id}) is empty`);
    if (!ID_PATTERN.test(id))
      throw new RowError(`unit id "${id}" is not a valid id (1-64 characters of A-Z a-z 0-9 . _ : -)`);
    if (this.known.has(id)) return { id };
    const callsign = this.spec.callsign ? render(this.spec.callsign, row).text : id;
    const district = render(this.spec.district, row).text || 'Import';
    const unit = { id, callsign, kind: this.kind(row), district };
    return {
      id,
      registration: toDraft(row.line, -1, { type: 'unit.registered', time, unit }, this.received),
    };
  }

  /** Records that the row's events for the unit are kept (call after the whole row is valid). */
  use(id: string, registration: Draft | undefined, time: number, line: number): void {
    const k = this.known.get(id);
    if (!k) {
      if (registration) this.known.set(id, { registration, first: time, firstLine: line });
    } else if (time < k.first || (time === k.first && line < k.firstLine)) {
      k.first = time;
      k.firstLine = line;
    }
  }

  /** The registrations, each timed at the unit's first event. */
  drafts(): Draft[] {
    return [...this.known.values()].map(({ registration, first, firstLine }) => ({
      ...registration,
      time: first,
      line: firstLine,
      event: { ...registration.event, time: first },
    }));
  }
}
