/**
 * Export of a period of a replay source, streamed: the picture at the period's start, then the
 * period's events page by page, each folded with the shared reducer so every row knows the unit or
 * incident as it was at that moment (callsign, status, assignment). Nothing but one page and the
 * picture is held in memory. What the caller may not see is removed first (shared/src/redact.ts),
 * with the folded picture saying which positions belong to handheld radios.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { foldInto } from '#shared/reducer';
import { redactEvent, redactIncident, redactUnit, type ViewPolicy } from '#shared/redact';
import type { Incident } from '#shared/domain';
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import { seqAt } from './clock.ts';
import { eventsInRange, pictureAtSeq, type ReplaySource } from './query.ts';
import { incidentOf } from './incidents.ts';
import { eventLookup } from '../store/incidentDistricts.ts';

export interface ExportMeta {
  dataset: string;
  from: number;
  to: number;
  clock: ReplaySource['clock'];
  personal: boolean;
  exported: number;
  /** The zone of the `local_time` / `localTime` fields (the dataset's, or one asked for). */
  timeZone: string;
}

/** A format writes text pieces; each returns '' for nothing. */
export interface ExportFormat {
  begin(meta: ExportMeta): string;
  /** One event, already redacted, with the picture right after it was folded in. */
  event(e: LageEvent, picture: Picture): string;
  /** Every incident that was open at the start or changed during the period, as it was at the end. */
  end(incidents: Incident[]): string;
}

const PAGE = 5_000;

/** How many events the period holds (cheap: two seq look-ups), for the size limit. */
export function eventsInPeriod(src: ReplaySource, from: number, to: number): number {
  return Math.max(0, seqAt(src, to, true) - seqAt(src, from, true));
}

export async function* exportChunks(
  src: ReplaySource,
  meta: ExportMeta,
  policy: ViewPolicy,
  format: ExportFormat,
): AsyncGenerator<string> {
  const picture = pictureAtSeq(src, seqAt(src, meta.from, true));
  const incidents = new Map<string, Incident>();
  for (const inc of Object.values(picture.incidents))
    if (inc.state !== 'abgeschlossen') incidents.set(inc.id, inc);
  const lookup = eventLookup(src.db, (id) => picture.units[id]);
  yield format.begin(meta);
  for (let after = 0; ;) {
    const page = eventsInRange(src, meta.from, meta.to, { limit: PAGE, afterSeq: after });
    let text = '';
    for (const e of page.events) {
      const id = incidentOfStep(e, picture);
      foldInto(picture, [e]);
      // The reducer replaces entities, never changes them: keeping the reference is keeping that version.
      const inc = id === undefined ? undefined : picture.incidents[id];
      if (inc) incidents.set(inc.id, inc);
      const visible = redactEvent(e, policy, lookup);
      if (visible) text += format.event(visible, pictureFor(visible, picture, policy));
    }
    if (text) yield text;
    if (page.nextAfterSeq === undefined) break;
    after = page.nextAfterSeq;
    // Reading a page is synchronous (SQLite); let other requests and the live feed in between.
    await yieldToLoop();
  }
  const visible: Incident[] = [];
  for (const inc of incidents.values()) {
    const r = redactIncident(inc, policy);
    if (r) visible.push(r);
  }
  yield format.end(visible);
}

/**
 * The picture a format reads for this event: its unit as the viewer may see it, i.e. without the
 * incident it is bound to when that incident is outside the viewer's districts (GeoJSON positions
 * name the unit's incident). Copies the units only in that rare case.
 */
function pictureFor(e: LageEvent, picture: Picture, policy: ViewPolicy): Picture {
  const unitId = 'unitId' in e ? e.unitId : undefined;
  const unit = unitId === undefined ? undefined : picture.units[unitId];
  if (!policy.districts || !unit?.incidentId) return picture;
  const shown = redactUnit(unit, policy, picture.incidents);
  if (!shown || shown.incidentId === unit.incidentId) return picture;
  return { ...picture, units: { ...picture.units, [unit.id]: shown } };
}

/** The incident an event may change (a status 4 changes the one its unit is assigned to). */
function incidentOfStep(e: LageEvent, before: Picture): string | undefined {
  if (e.type === 'unit.status') return e.incidentId ?? before.units[e.unitId]?.incidentId;
  return incidentOf(e);
}
