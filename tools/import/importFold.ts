/**
 * The importer's fold for its snapshots: the shared reducer's rules (shared/src/reducer.ts) for the
 * events an import consists of (status changes, openings, closings), applied in place. The shared
 * reducer replaces a unit and an incident with a copy on every change, since live pictures are
 * shared; the importer's picture is its own and only serialised for a snapshot, so it changes the
 * entities themselves (a million-row import folds millions of status changes). Keys are set in the
 * order the copies had them, so a snapshot's JSON is the same byte for byte (importFold.test.ts
 * compares both folds on real data). Any other event goes to the shared reducer.
 */
import { ClosedQueue } from '#shared/closedQueue';
import { FMS, releasesIncident } from '#shared/domain';
import { own, put } from '#shared/idMap';
import { CLOSED_INCIDENT_RETENTION_MS, emptyPicture, type Picture } from '#shared/picture';
import { foldInto, openedIncident } from '#shared/reducer';
import type { EventOf, LageEvent } from '#shared/schemas';

export class ImportFold {
  /** Owned outright: nobody else holds it or any entity in it while the import runs. */
  readonly picture: Picture = emptyPicture();
  /**
   * Closed incidents by closing time, kept across calls (the shared reducer builds its queue by a
   * scan at the first opening of each call); undefined after an event the shared reducer folded.
   */
  private closed: ClosedQueue | undefined;
  /**
   * Each unit's and incident's `"id":{…}` text as JSON.stringify writes it within the picture, kept
   * until the fold changes the entity (touch) or the shared reducer folds anything (which may replace
   * entities): a snapshot re-serialises only what changed since the last one.
   */
  private texts = new WeakMap<object, { id: string; text: string }>();

  fold(events: readonly LageEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'unit.status':
          this.picture.seq = e.seq;
          this.status(e);
          break;
        case 'incident.opened':
          this.picture.seq = e.seq;
          this.opened(e);
          break;
        case 'incident.closed':
          this.picture.seq = e.seq;
          this.close(e.incidentId, e.time);
          break;
        default:
          // Registrations, positions and anything unusual: the shared rules, which replace entities.
          foldInto(this.picture, [e]);
          this.closed = undefined;
          this.texts = new WeakMap();
      }
    }
  }

  /**
   * JSON.stringify(picture), byte for byte (the same keys in the same order), re-serialising only the
   * entities changed since the last call: most of a snapshot is closed incidents kept for the
   * retention time and idle units.
   */
  json(): string {
    const p = this.picture as unknown as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(p)) {
      const value = p[key];
      const text =
        key === 'units' || key === 'incidents'
          ? this.mapJson(value as Record<string, object>)
          : JSON.stringify(value);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  private mapJson(map: Record<string, object>): string {
    const parts: string[] = [];
    for (const id of Object.keys(map)) {
      const entity = map[id]!;
      let cached = this.texts.get(entity);
      if (cached?.id !== id) {
        cached = { id, text: `${JSON.stringify(id)}:${JSON.stringify(entity)}` };
        this.texts.set(entity, cached);
      }
      parts.push(cached.text);
    }
    return `{${parts.join(',')}}`;
  }

  /** The entity changed in place: its text is made again at the next snapshot. */
  private touch(entity: object): void {
    this.texts.delete(entity);
  }

  private status(e: EventOf<'unit.status'>): void {
    const unit = own(this.picture.units, e.unitId);
    if (!unit) return;
    this.touch(unit);
    unit.statusSince = unit.status === e.status ? unit.statusSince : e.time;
    unit.status = e.status;
    if (e.status === FMS.EMERGENCY && unit.emergencySince === undefined) unit.emergencySince = e.time;
    if (e.status === FMS.ALARMED && e.incidentId) {
      this.assign(e.incidentId, e.unitId, e.time);
    } else if (e.status === FMS.ON_SCENE && unit.incidentId) {
      const inc = own(this.picture.incidents, unit.incidentId);
      if (inc && inc.state !== 'abgeschlossen') {
        this.touch(inc);
        inc.state = 'in_bearbeitung';
        inc.times.firstOnScene ??= e.time;
      }
    } else if (releasesIncident(e.status)) {
      delete unit.incidentId;
    }
  }

  private assign(incidentId: string, unitId: string, time: number): void {
    const inc = own(this.picture.incidents, incidentId);
    const unit = own(this.picture.units, unitId);
    if (!inc || !unit || inc.state === 'abgeschlossen') return;
    this.touch(inc);
    this.touch(unit);
    if (inc.state === 'neu') inc.state = 'disponiert';
    inc.times.dispatched ??= time;
    if (!inc.units.includes(unitId)) inc.units.push(unitId);
    const since = unit.status === FMS.ALARMED && unit.incidentId === incidentId ? unit.statusSince : time;
    unit.incidentId = incidentId;
    unit.status = 3;
    unit.statusSince = since;
  }

  private close(incidentId: string, time: number): void {
    const inc = own(this.picture.incidents, incidentId);
    if (!inc || inc.state === 'abgeschlossen') return;
    this.touch(inc);
    inc.state = 'abgeschlossen';
    inc.times.closed = time;
    this.closed?.push(time, incidentId);
    for (const unitId of inc.units) {
      const unit = own(this.picture.units, unitId);
      if (unit?.incidentId === incidentId) {
        this.touch(unit);
        delete unit.incidentId;
      }
    }
  }

  private opened(e: EventOf<'incident.opened'>): void {
    this.pruneClosed(e.time);
    const i = e.incident;
    const inc = openedIncident(e, own(this.picture.incidents, i.id));
    put(this.picture.incidents, i.id, inc);
    if (inc.times.closed !== undefined) this.closed?.push(inc.times.closed, i.id);
  }

  /** As the shared reducer: drops every incident closed more than the retention before `now`. */
  private pruneClosed(now: number): void {
    const incidents = this.picture.incidents;
    if (!this.closed) {
      this.closed = new ClosedQueue();
      for (const id of Object.keys(incidents)) {
        const closed = own(incidents, id)?.times.closed;
        if (closed !== undefined) this.closed.push(closed, id);
      }
    }
    const queue = this.closed;
    for (let t = queue.peek(); t !== undefined && now - t > CLOSED_INCIDENT_RETENTION_MS; t = queue.peek()) {
      const [closed, id] = queue.pop()!;
      // A stale entry: the incident is gone, or was closed again later.
      if (own(incidents, id)?.times.closed === closed) delete incidents[id];
    }
  }
}
