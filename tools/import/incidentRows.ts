/**
 * Rows that are calls or CAD incidents. Each becomes an incident opened at the row's time and closed
 * at its close time (or after the mapping's default duration); with a unit column the unit is
 * assigned at dispatch, reports 4 on scene and becomes free (1) at closure.
 */
import type { CallType, Priority } from '#shared/domain';
import { ID_PATTERN, type NewEvent } from '#shared/schemas';
import type { Lookup } from './cells.ts';
import {
  callTypeLookup,
  Numbers,
  priorityLookup,
  optionalText,
  render,
  RowError,
  Times,
  type Row,
} from './cells.ts';
import { toDraft, type Draft } from './drafts.ts';
import type { Mapping } from './mapping.ts';
import { Locations } from './location.ts';
import { type Converter, type Finished, type RowResult } from './rows.ts';
import { UnitRegistry } from './units.ts';

type IncidentSpec = NonNullable<Mapping['incident']>;

interface Assignment {
  start: number;
  end: number;
  line: number;
}

export class IncidentRows implements Converter {
  private readonly spec: IncidentSpec;
  private readonly times: Times;
  private readonly locations: Locations;
  private readonly type: Lookup<CallType>;
  private readonly priority: Lookup<Priority>;
  private readonly units: UnitRegistry | undefined;
  /** Incident id → the line that opened it. */
  private readonly seen = new Map<string, number>();
  private readonly assignments = new Map<string, Assignment[]>();

  constructor(
    private readonly mapping: Mapping,
    private readonly received: number,
  ) {
    this.spec = mapping.incident!;
    this.times = new Times(mapping);
    this.locations = new Locations(mapping, new Numbers(mapping.csv.decimalComma));
    this.type = callTypeLookup(this.spec.type);
    this.priority = priorityLookup(this.spec.priority);
    this.units = mapping.unit ? new UnitRegistry(mapping.unit, received) : undefined;
  }

  row(row: Row): RowResult {
    const opened = this.times.required(row, this.mapping.time.column);
    const location = this.locations.required(row);
    const spec = this.spec;
    const dispatched = this.times.optional(row, spec.dispatched);
    const onScene = this.times.optional(row, spec.onScene);
    const closedAt = this.times.optional(row, spec.closed);
    const closed = closedAt ?? opened + spec.defaultDurationMinutes * 60_000;
    for (const [name, t] of [
      [spec.dispatched, dispatched],
      [spec.onScene, onScene],
      [spec.closed, closedAt],
    ] as const) {
      if (t !== undefined && t < opened) throw new RowError(`${name} is before ${this.mapping.time.column}`);
    }
    const type = this.type.get(row);
    const priority = this.priority.get(row);
    const id = this.incidentId(row);
    if (typeof id !== 'string') return id;
    const number = spec.number ? render(spec.number, row) : undefined;
    const unit = this.unitOf(row, opened);

    const incident = {
      id,
      number: number && !number.missing ? number.text : id,
      type,
      priority,
      location,
      address: optionalText(spec.address, row),
      district: optionalText(spec.district, row),
      description: optionalText(spec.description, row),
    };
    const events: [number, NewEvent][] = [[0, { type: 'incident.opened', time: opened, incident }]];
    if (unit) {
      events.push([
        1,
        { type: 'incident.assigned', time: dispatched ?? opened, incidentId: id, unitId: unit.id },
      ]);
      if (onScene !== undefined)
        events.push([2, { type: 'unit.status', time: onScene, unitId: unit.id, status: 4, incidentId: id }]);
    } else {
      if (dispatched !== undefined) events.push([1, this.state(id, dispatched, 'disponiert')]);
      if (onScene !== undefined) events.push([2, this.state(id, onScene, 'in_bearbeitung')]);
    }
    events.push([3, { type: 'incident.closed', time: closed, incidentId: id }]);
    const drafts = events.map(([sub, e]) => toDraft(row.line, sub, e, this.received));

    // The row is valid: only now does it claim its id and its unit.
    this.seen.set(id, row.line);
    if (unit) {
      this.units!.use(unit.id, unit.registration, dispatched ?? opened, row.line);
      const list = this.assignments.get(unit.id) ?? [];
      list.push({ start: dispatched ?? opened, end: closed, line: row.line });
      this.assignments.set(unit.id, list);
    }
    return { drafts };
  }

  finish(): Finished {
    return { drafts: [...(this.units?.drafts() ?? []), ...this.releases()], rejectedRows: 0 };
  }

  stats() {
    return { incidents: this.seen.size, units: this.units?.count ?? 0, positions: 0 };
  }

  private incidentId(row: Row): string | RowResult {
    const spec = this.spec;
    const r = spec.id ? render(spec.id, row) : { text: '', missing: true };
    let id = r.text;
    if (r.missing || id === '') {
      if (spec.id && spec.missingId === 'skip') throw new RowError(`the incident id (${spec.id}) is empty`);
      id = `line-${row.line}`;
    }
    if (!ID_PATTERN.test(id))
      throw new RowError(`incident id "${id}" is not a valid id (1-64 characters of A-Z a-z 0-9 . _ : -)`);
    const first = this.seen.get(id);
    if (first === undefined) return id;
    if (spec.duplicateIds === 'skip') return { duplicateOf: first, id };
    for (let n = 2; ; n++) if (!this.seen.has(`${id}-${n}`)) return `${id}-${n}`;
  }

  private unitOf(row: Row, time: number) {
    if (!this.units || !this.mapping.unit) return undefined;
    const { text, missing } = render(this.mapping.unit.id, row);
    if (missing || text === '') return undefined; // a call nobody was sent to
    return this.units.resolve(row, time);
  }

  private state(incidentId: string, time: number, state: 'disponiert' | 'in_bearbeitung'): NewEvent {
    return { type: 'incident.updated', time, incidentId, patch: { state } };
  }

  /**
   * A unit becomes free at the close of its incident, unless it was sent to another one before
   * that: freeing it then would release it from the newer incident.
   */
  private releases(): Draft[] {
    const out: Draft[] = [];
    for (const [unitId, list] of this.assignments) {
      list.sort((a, b) => a.start - b.start || a.line - b.line);
      list.forEach((a, i) => {
        let j = i + 1;
        while (j < list.length && list[j]!.start <= a.start) j++;
        const next = list[j];
        if (next && next.start <= a.end) return;
        out.push(toDraft(a.line, 4, { type: 'unit.status', time: a.end, unitId, status: 1 }, this.received));
      });
    }
    return out;
  }
}
