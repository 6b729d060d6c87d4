/**
 * GeoJSON export (RFC 7946): one FeatureCollection with
 * - a Point per unit position fix (layer "positions"), in log order, with the unit's callsign, kind,
 *   FMS status and incident as they were at that fix. Points, not one LineString per unit: points
 *   stream in log order without holding a period's tracks in memory, keep every fix's time, status
 *   and speed, and GIS tools build tracks from them (QGIS "Points to path", grouped by unitId,
 *   ordered by time) or animate them by their time;
 * - a Point per incident (layer "incidents") open at the period's start or changed during it, as it
 *   was at the period's end, with its times (opened, dispatched, firstOnScene, closed).
 * Times are ISO 8601 UTC. The foreign member "lagebild" says what was exported.
 */
import { localIso } from '#shared/timeZone';
import type { Incident } from '#shared/domain';
import type { ExportFormat } from './export.ts';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** A feature per call, comma-separated: the collection is written in pieces. */
export function geojsonFormat(): ExportFormat {
  let first = true;
  const feature = (coords: [number, number], properties: Record<string, unknown>) => {
    const text = `${first ? '' : ',\n'}${JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: coords },
      properties,
    })}`;
    first = false;
    return text;
  };
  let zone = 'UTC';
  return {
    begin: (meta) => {
      zone = meta.timeZone;
      return `{"type":"FeatureCollection","lagebild":${JSON.stringify({
        dataset: meta.dataset,
        from: iso(meta.from),
        to: iso(meta.to),
        clock: meta.clock,
        personalData: meta.personal,
        exported: iso(meta.exported),
        timeZone: meta.timeZone,
      })},"features":[\n`;
    },
    event: (e, picture) => {
      if (e.type !== 'unit.position') return '';
      const unit = picture.units[e.unitId];
      return feature([e.lon, e.lat], {
        layer: 'positions',
        seq: e.seq,
        time: iso(e.time),
        localTime: localIso(e.time, zone),
        unitId: e.unitId,
        callsign: unit?.callsign,
        kind: unit?.kind,
        status: unit?.status,
        incidentId: unit?.incidentId,
        heading: e.heading,
        speed: e.speed,
        accuracy: e.accuracy,
      });
    },
    end: (incidents: Incident[]) => {
      let text = '';
      for (const i of incidents) text += feature([i.location.lon, i.location.lat], incidentProperties(i));
      return `${text}\n]}\n`;
    },
  };
}

function incidentProperties(i: Incident): Record<string, unknown> {
  return {
    layer: 'incidents',
    id: i.id,
    number: i.number,
    type: i.type,
    priority: i.priority,
    state: i.state,
    address: i.address,
    district: i.district,
    units: i.units,
    opened: iso(i.times.opened),
    dispatched: iso(i.times.dispatched),
    firstOnScene: iso(i.times.firstOnScene),
    closed: iso(i.times.closed),
    // Present only for callers who may see personal data (redactIncident removed them otherwise).
    description: i.description,
    caller: i.caller,
    notes: i.notes.length ? i.notes.map((n) => ({ ...n, time: iso(n.time) })) : undefined,
  };
}
