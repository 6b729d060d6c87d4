/**
 * Rows that are vehicle fixes (AVL traces): each becomes a position of a unit; the unit is
 * registered once, just before its first fix.
 */
import type { NewEvent } from '#shared/schemas';
import { Numbers, Times, type Row } from './cells.ts';
import { toDraft } from './drafts.ts';
import type { Mapping } from './mapping.ts';
import { Locations } from './location.ts';
import { type Converter, type Finished, type RowResult } from './rows.ts';
import { UnitRegistry } from './units.ts';

/** Factors to metres per second. */
const SPEED = { 'm/s': 1, 'km/h': 1 / 3.6, mph: 0.44704, kn: 0.514444 } as const;

export class PositionRows implements Converter {
  private readonly times: Times;
  private readonly locations: Locations;
  private readonly numbers: Numbers;
  private readonly units: UnitRegistry;
  private readonly spec: NonNullable<Mapping['position']>;
  private positions = 0;

  constructor(
    private readonly mapping: Mapping,
    private readonly received: number,
  ) {
    this.times = new Times(mapping);
    this.numbers = new Numbers(mapping.csv.decimalComma);
    this.locations = new Locations(mapping, this.numbers);
    this.units = new UnitRegistry(mapping.unit!, received);
    this.spec = mapping.position ?? { speedUnit: 'm/s' };
  }

  row(row: Row): RowResult {
    const time = this.times.required(row, this.mapping.time.column);
    const { lat, lon } = this.locations.required(row);
    const heading = this.numbers.optional(row, this.spec.heading, 0, 360);
    const factor = SPEED[this.spec.speedUnit];
    const rawSpeed = this.numbers.optional(row, this.spec.speed, 0, 150 / factor);
    const accuracy = this.numbers.optional(row, this.spec.accuracy, 0, 100_000);
    const unit = this.units.resolve(row, time);
    const event: NewEvent = { type: 'unit.position', time, unitId: unit.id, lat, lon };
    if (heading !== undefined) event.heading = heading;
    if (rawSpeed !== undefined) event.speed = Math.round(rawSpeed * factor * 1000) / 1000;
    if (accuracy !== undefined) event.accuracy = accuracy;
    const draft = toDraft(row.line, 0, event, this.received);
    this.units.use(unit.id, unit.registration, time, row.line);
    this.positions++;
    return { drafts: [draft] };
  }

  finish(): Finished {
    return { drafts: this.units.drafts(), rejectedRows: 0 };
  }

  stats() {
    return { incidents: 0, units: this.units.count, positions: this.positions };
  }
}
