/**
 * Rows that are unit dispatches ("rows": "dispatches"), the most common shape of fire, EMS and police
 * CAD exports: one row per unit sent to an incident, with that unit's own times. Rows are grouped by
 * incident id in any order, so nothing is emitted before the last row: an incident opens at its
 * earliest call time, its first unit on scene is the earliest on-scene time of its units (the
 * reducer takes the first status 4 in time order), and it closes when its last unit is free (or at
 * an explicit close time). docs/import.md describes the rules.
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
import { Locations, type LatLon } from './location.ts';
import { mergeGroups } from './merge.ts';
import type { Mapping } from './mapping.ts';
import type { Converter, Finished, RowResult } from './rows.ts';
import { UnitRegistry } from './units.ts';

type IncidentSpec = NonNullable<Mapping['incident']>;
type UnitSpec = NonNullable<Mapping['unit']>;

/** A value and whether it came from a non-empty cell (which beats a default from an earlier row). */
interface Picked<T> {
  value: T;
  fromCell: boolean;
}

interface Dispatch {
  unitId: string;
  line: number;
  dispatched: number;
  onScene: number | undefined;
  available: number | undefined;
  /** When the same unit was next sent to another incident (Infinity: never); set by finish(). */
  until: number;
}

interface Pending {
  id: string;
  /** The lowest line of the incident's rows: its opening sorts before all of its rows' events. */
  line: number;
  rows: number;
  opened: number;
  closed: number | undefined;
  number: string | undefined;
  type: Picked<CallType>;
  priority: Picked<Priority>;
  location: LatLon | undefined;
  address: string | undefined;
  district: string | undefined;
  description: string | undefined;
  dispatches: Dispatch[];
  /** unit \0 dispatch time → dispatch, made once an incident has many dispatches (sameDispatch). */
  byKey?: Map<string, Dispatch>;
}

/** What every row gives while it is read: nothing yet (all is made in finish()). */
const NO_DRAFTS: RowResult = Object.freeze({ drafts: Object.freeze([]) as unknown as Draft[] });

export class DispatchRows implements Converter {
  private readonly spec: IncidentSpec;
  private readonly unit: UnitSpec;
  private readonly times: Times;
  private readonly locations: Locations;
  private readonly type: Lookup<CallType>;
  private readonly priority: Lookup<Priority>;
  private readonly units: UnitRegistry;
  private readonly registrations = new Map<string, Draft | undefined>();
  private readonly incidents = new Map<string, Pending>();
  private accepted = 0;
  /** The columns of a row's times, in the order they must be in. */
  private readonly timeColumns: readonly (string | undefined)[];

  constructor(
    private readonly mapping: Mapping,
    private readonly received: number,
  ) {
    this.spec = mapping.incident!;
    this.unit = mapping.unit!;
    this.times = new Times(mapping);
    this.locations = new Locations(mapping, new Numbers(mapping.csv.decimalComma));
    this.type = callTypeLookup(this.spec.type);
    this.priority = priorityLookup(this.spec.priority);
    this.units = new UnitRegistry(this.unit, received);
    const u = this.unit;
    this.timeColumns = [mapping.time.column, u.dispatched, u.onScene, u.available];
  }

  row(row: Row): RowResult {
    const callColumn = this.mapping.time.column;
    const call = this.times.required(row, callColumn);
    const location = this.locations.optional(row);
    const closed = this.times.optional(row, this.spec.closed);
    const u = this.unit;
    const dispatched = this.times.optional(row, u.dispatched);
    const onScene = this.times.optional(row, u.onScene);
    const available = this.times.optional(row, u.available);
    // Each time at or after the one before it (call, dispatched, on scene, available).
    const times = [call, dispatched, onScene, available];
    for (let k = 1, last = 0; k < times.length; k++) {
      const t = times[k];
      if (t === undefined) continue;
      if (t < times[last]!) throw new RowError(`${this.timeColumns[k]} is before ${this.timeColumns[last]}`);
      last = k;
    }
    if (closed !== undefined && closed < call)
      throw new RowError(`${this.spec.closed} is before ${callColumn}`);
    const type = this.type.get(row);
    const typeFromCell = this.fromCell(this.spec.type.column, row);
    const priority = this.priority.get(row);
    const priorityFromCell = this.fromCell(this.spec.priority.column, row);
    const id = this.incidentId(row);
    const unitId = this.units.idOf(row);
    let registration: Draft | undefined;
    if (unitId !== undefined && !this.registrations.has(unitId)) {
      registration = this.units.resolve(row, dispatched ?? call).registration;
    }
    const sent = dispatched ?? call;
    let inc = this.incidents.get(id);
    // The same dispatch written twice: same incident, unit and dispatch time (found among the
    // incident's own few dispatches; a map of every dispatch was a tenth of a big import's memory).
    const first = unitId === undefined ? undefined : inc && sameDispatch(inc, unitId, sent);
    if (first !== undefined)
      return { duplicateOf: first.line, id, what: `the dispatch of ${unitId} to incident ${id}` };

    // The row is valid: only now does it count.
    const text = (t: string | undefined) => optionalText(t, row);
    const number = () => {
      const num = this.spec.number ? render(this.spec.number, row) : undefined;
      return num && !num.missing && num.text !== '' ? num.text : undefined;
    };
    if (!inc) {
      inc = {
        id,
        line: row.line,
        rows: 0,
        opened: call,
        closed,
        number: number(),
        type: { value: type, fromCell: typeFromCell },
        priority: { value: priority, fromCell: priorityFromCell },
        location,
        address: text(this.spec.address),
        district: text(this.spec.district),
        description: text(this.spec.description),
        dispatches: [],
      };
      this.incidents.set(id, inc);
    } else {
      // First non-empty value (in file order) wins; a value from a cell beats a default.
      inc.opened = Math.min(inc.opened, call);
      if (closed !== undefined) inc.closed = Math.max(inc.closed ?? closed, closed);
      inc.number ??= number();
      if (!inc.type.fromCell && typeFromCell) inc.type = { value: type, fromCell: true };
      if (!inc.priority.fromCell && priorityFromCell) inc.priority = { value: priority, fromCell: true };
      inc.location ??= location;
      inc.address ??= text(this.spec.address);
      inc.district ??= text(this.spec.district);
      inc.description ??= text(this.spec.description);
    }
    inc.rows++;
    if (unitId !== undefined) {
      if (!this.registrations.has(unitId)) this.registrations.set(unitId, registration);
      const d: Dispatch = { unitId, line: row.line, dispatched: sent, onScene, available, until: Infinity };
      inc.dispatches.push(d);
      inc.byKey?.set(`${unitId}\0${sent}`, d);
    }
    return NO_DRAFTS;
  }

  finish(bad: (line: number, message: string) => void): Finished {
    let rejectedRows = 0;
    const byUnit = new Map<string, Dispatch[]>();
    const kept: Pending[] = [];
    for (const inc of this.incidents.values()) {
      if (!inc.location) {
        bad(inc.line, `incident ${inc.id}: none of its ${inc.rows} rows has a location`);
        rejectedRows += inc.rows;
        continue;
      }
      kept.push(inc);
      for (const d of inc.dispatches) {
        const list = byUnit.get(d.unitId) ?? [];
        list.push(d);
        byUnit.set(d.unitId, list);
      }
    }
    nextDispatch(byUnit);
    for (const [unitId, list] of byUnit) {
      const first = list[0]!;
      this.units.use(unitId, this.registrations.get(unitId), first.dispatched, first.line);
    }
    this.accepted = kept.length;
    // Made while they are written, in log order: a million-row file has millions of events, and
    // an incident's opening is the first of its events (its earliest call, its lowest line, sub 0).
    const merged = mergeGroups(
      kept,
      (inc) => ({ time: inc.opened, line: inc.line, sub: 0 }),
      (inc) => this.events(inc),
      this.units.drafts(),
    );
    return { drafts: merged.drafts, rejectedRows, inLogOrder: merged };
  }

  stats() {
    return { incidents: this.accepted, units: this.units.count, positions: 0 };
  }

  private events(inc: Pending): Draft[] {
    const { id } = inc;
    const out: Draft[] = [];
    const add = (line: number, sub: number, e: NewEvent) => out.push(toDraft(line, sub, e, this.received));
    const incident = {
      id,
      number: inc.number ?? id,
      type: inc.type.value,
      priority: inc.priority.value,
      location: inc.location!,
      address: inc.address,
      district: inc.district,
      description: inc.description,
    };
    add(inc.line, 0, { type: 'incident.opened', time: inc.opened, incident });
    let latest = inc.opened;
    let allFree = inc.dispatches.length > 0;
    for (const d of inc.dispatches) latest = Math.max(latest, d.dispatched, d.onScene ?? 0, d.available ?? 0);
    for (const d of inc.dispatches) if (d.available === undefined) allFree = false;
    const closed =
      inc.closed ??
      (allFree ? latest : Math.max(latest, inc.opened + this.spec.defaultDurationMinutes * 60_000));
    for (const d of inc.dispatches) {
      // A unit sent on to another incident before it got here or got free: those times belong to it no more.
      const until = d.until;
      add(d.line, 1, {
        type: 'unit.status',
        time: d.dispatched,
        unitId: d.unitId,
        status: 3,
        incidentId: id,
      });
      if (d.onScene !== undefined && d.onScene < until)
        add(d.line, 2, { type: 'unit.status', time: d.onScene, unitId: d.unitId, status: 4, incidentId: id });
      const free = d.available ?? Math.max(closed, d.dispatched, d.onScene ?? 0);
      if (free < until) add(d.line, 3, { type: 'unit.status', time: free, unitId: d.unitId, status: 1 });
    }
    add(inc.line, 4, { type: 'incident.closed', time: closed, incidentId: id });
    return out;
  }

  /** Whether the value came from a non-empty cell (which beats a default from an earlier row). */
  private fromCell(column: string | undefined, row: Row): boolean {
    return column !== undefined && row.get(column) !== '';
  }

  private incidentId(row: Row): string {
    const spec = this.spec;
    const r = spec.id ? render(spec.id, row) : { text: '', missing: true };
    let id = r.text;
    if (r.missing || id === '') {
      if (spec.id && spec.missingId === 'skip') throw new RowError(`the incident id (${spec.id}) is empty`);
      id = `line-${row.line}`;
    }
    if (!ID_PATTERN.test(id))
      throw new RowError(`incident id "${id}" is not a valid id (1-64 characters of A-Z a-z 0-9 . _ : -)`);
    return id;
  }
}

/** Sets each dispatch's `until`: the time the same unit was next sent to another incident. */
function nextDispatch(byUnit: Map<string, Dispatch[]>): void {
  for (const list of byUnit.values()) {
    list.sort((a, b) => a.dispatched - b.dispatched || a.line - b.line);
    for (let i = 0; i + 1 < list.length; i++) list[i]!.until = list[i + 1]!.dispatched;
  }
}

/**
 * The incident's dispatch of this unit at this time, if a row gave it already: a scan of its few
 * dispatches, a map once there are many (a mapping whose incident id names one incident for all rows).
 */
function sameDispatch(inc: Pending, unitId: string, sent: number): Dispatch | undefined {
  const list = inc.dispatches;
  if (list.length <= 16) {
    for (const d of list) if (d.dispatched === sent && d.unitId === unitId) return d;
    return undefined;
  }
  inc.byKey ??= new Map(list.map((d) => [`${d.unitId}\0${d.dispatched}`, d]));
  return inc.byKey.get(`${unitId}\0${sent}`);
}
