/**
 * CSV export: one row per event in log order, the same columns for every event type (empty where a
 * type has no such value). UTF-8 with a byte order mark (so spreadsheet programs read umlauts right),
 * RFC 4180 quoting, CRLF line ends, times in ISO 8601 UTC, and the event time once more as local time
 * with its offset in the dataset's zone (or the one asked for), named in the last column. Text that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab) gets a leading apostrophe.
 */
import type { Incident } from '#shared/domain';
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { ExportFormat } from './export.ts';
import { localIso } from '#shared/timeZone';

export const CSV_COLUMNS = [
  'seq',
  'time',
  'received',
  'type',
  'unit_id',
  'callsign',
  'unit_kind',
  'status',
  'incident_id',
  'incident_number',
  'incident_type',
  'priority',
  'state',
  'lat',
  'lon',
  'heading',
  'speed',
  'accuracy',
  'address',
  'district',
  'description',
  'caller_name',
  'caller_phone',
  'note',
  'by',
  'local_time',
  'time_zone',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | undefined>>;

const iso = (ms: number) => new Date(ms).toISOString();

export function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function rowOf(e: LageEvent, picture: Picture): Row {
  const row: Row = { seq: e.seq, time: iso(e.time), received: iso(e.received), type: e.type, by: e.by };
  switch (e.type) {
    case 'unit.registered':
      return {
        ...row,
        unit_id: e.unit.id,
        callsign: e.unit.callsign,
        unit_kind: e.unit.kind,
        district: e.unit.district,
        status: e.unit.status,
      };
    case 'unit.position':
      return {
        ...row,
        unit_id: e.unitId,
        callsign: picture.units[e.unitId]?.callsign,
        lat: e.lat,
        lon: e.lon,
        heading: e.heading,
        speed: e.speed,
        accuracy: e.accuracy,
      };
    case 'unit.status':
      return {
        ...row,
        unit_id: e.unitId,
        callsign: picture.units[e.unitId]?.callsign,
        status: e.status,
        incident_id: e.incidentId,
      };
    case 'unit.acknowledged':
    case 'unit.emergencyAcknowledged':
      return { ...row, unit_id: e.unitId, callsign: picture.units[e.unitId]?.callsign };
    case 'incident.opened': {
      const i = e.incident;
      return {
        ...row,
        incident_id: i.id,
        incident_number: i.number,
        incident_type: i.type,
        priority: i.priority,
        lat: i.location.lat,
        lon: i.location.lon,
        address: i.address,
        district: i.district,
        description: i.description,
        caller_name: i.caller?.name,
        caller_phone: i.caller?.phone,
      };
    }
    case 'incident.updated': {
      const p = e.patch;
      return {
        ...row,
        incident_id: e.incidentId,
        incident_number: picture.incidents[e.incidentId]?.number,
        incident_type: p.type,
        priority: p.priority,
        state: p.state,
        lat: p.location?.lat,
        lon: p.location?.lon,
        address: p.address,
        description: p.description,
      };
    }
    case 'incident.assigned':
      return {
        ...row,
        incident_id: e.incidentId,
        incident_number: picture.incidents[e.incidentId]?.number,
        unit_id: e.unitId,
        callsign: picture.units[e.unitId]?.callsign,
      };
    case 'incident.closed':
      return { ...row, incident_id: e.incidentId, incident_number: picture.incidents[e.incidentId]?.number };
    case 'incident.note':
      return {
        ...row,
        incident_id: e.incidentId,
        incident_number: picture.incidents[e.incidentId]?.number,
        note: e.text,
      };
  }
}

/** A CSV writer for one export (it keeps the export's zone). */
export function csvFormat(): ExportFormat {
  let zone = 'UTC';
  return {
    begin: (meta) => {
      zone = meta.timeZone;
      return `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
    },
    event: (e, picture) => {
      const row: Row = { ...rowOf(e, picture), local_time: localIso(e.time, zone), time_zone: zone };
      return `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`;
    },
    end: (_incidents: Incident[]) => '',
  };
}
