/** A small synthetic CSV with one broken row per kind of problem, and the errors it must give. */
import { writeFile } from './testSupport.ts';

export const SMALL_MAPPING = {
  version: 1,
  rows: 'incidents',
  time: { column: 'time', formats: ['YYYY-MM-DD HH:mm:ss'], timeZone: 'Europe/Berlin' },
  location: { lat: 'lat', lon: 'lon' },
  incident: {
    id: '{id}',
    type: { column: 'type', map: { 'Einbruch*': 'einbruch', Brand: 'brand' } },
    address: '{note}',
    defaultDurationMinutes: 30,
  },
};

const ROWS = [
  'id,time,lat,lon,type,note', // 1
  'a1,2026-03-01 10:00:00,51.2,6.7,Einbruch,ok', // 2
  'a2,2026-03-01 10:05:00,abc,6.7,Einbruch,bad lat', // 3
  'a3,not a time,51.2,6.7,Einbruch,x', // 4
  'a4,2026-03-01 10:10:00,51.2,6.7,Einbruch', // 5
  '"a5","2026-03-01 09:15:00","51.2","6.7","Brand","quoted, with ""quotes"""', // 6
  'a6,2026-03-01 10:20:00,51.2,6.7,Einbruch,"two', // 7
  'lines"', // 8
  'a7,2026-03-01 10:25:00,95,6.7,Einbruch,x', // 9
  '', // 10
  'a8,2026-03-01 10:30:00,51.2,6.7,Unbekannt,x', // 11
  'a2,2026-03-01 10:35:00,51.2,6.7,Einbruchdiebstahl,the id of bad line 3 is still free', // 12
  'a1,2026-03-01 10:40:00,51.2,6.7,Einbruch,repeats line 2', // 13
  'a9,2026-03-01 10:45:00,51.2,6.7,Einbruch,"bad"quote', // 14
  'a10,2026-02-30 10:00:00,51.2,6.7,Einbruch,x', // 15
  'a11,2026-03-29 02:30:00,51.2,6.7,Einbruch,x', // 16
  'a12,2026-03-01 09:00:00,0,0,Einbruch,x', // 17
  'a 13,2026-03-01 09:00:00,51.2,6.7,Einbruch,x', // 18
];

export const BAD_ROW_ERRORS = [
  'line 3: lat "abc" is not a number',
  'line 4: time "not a time" does not match "YYYY-MM-DD HH:mm:ss"',
  'line 5: has 5 fields, the header has 6',
  'line 9: lat 95 is out of range (-90 to 90)',
  'line 11: type "Unbekannt" matches nothing in incident.type.map and incident.type has no default',
  'line 14: unexpected character "q" after a closing quote',
  'line 15: time "2026-02-30 10:00:00" has day 30, but 2026-02 has 28 days',
  'line 16: time "2026-03-29 02:30:00" does not exist in Europe/Berlin (the clocks were turned forward)',
  'line 17: lat/lon 0,0 stands for "no location"',
  'line 18: incident id "a 13" is not a valid id (1-64 characters of A-Z a-z 0-9 . _ : -)',
];

export function writeBadRows(dir: string): { csv: string; mapping: string } {
  // CRLF line ends and a byte order mark, as spreadsheet exports write them.
  return {
    csv: writeFile(dir, 'bad.csv', `\uFEFF${ROWS.join('\r\n')}\r\n`),
    mapping: writeFile(dir, 'small.json', SMALL_MAPPING),
  };
}
