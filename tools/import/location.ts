/**
 * Where a row is: WGS84 lat/lon columns, one column holding a point ("(lat, lon)", "lat,lon" or
 * WKT "POINT (lon lat)"), or projected x/y as German authorities deliver them (EPSG:25832).
 */
import proj4 from 'proj4';
import { RowError, type Numbers, type Row } from './cells.ts';
import type { Mapping } from './mapping.ts';

/** The projected systems a mapping may name, as proj4 definitions (from the EPSG registry). */
export const PROJECTIONS: Readonly<Record<string, string>> = {
  // ETRS89 / UTM 32N and 33N: the grid of ALKIS, most Länder and the BKG.
  'EPSG:25832': '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:25833': '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:3857':
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
};

const NUM = '([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)';
/** WKT: POINT (lon lat), also POINT Z (lon lat h); the order of WKT is x y. */
const WKT = new RegExp(`^POINT\\s*(?:Z\\s*)?\\(\\s*${NUM}\\s+${NUM}(?:\\s+${NUM})?\\s*\\)$`, 'i');
/** "(lat, lon)" as in many US open-data exports, or a bare "lat,lon". */
const PAIR = new RegExp(`^\\(?\\s*${NUM}\\s*,\\s*${NUM}\\s*\\)?$`);

export type LatLon = { lat: number; lon: number };

export class Locations {
  private readonly spec: Mapping['location'];
  private readonly project: ((xy: [number, number]) => [number, number]) | undefined;

  constructor(
    m: Mapping,
    private readonly numbers: Numbers,
  ) {
    this.spec = m.location;
    const def = this.spec.crs === undefined ? undefined : PROJECTIONS[this.spec.crs];
    if (def !== undefined) {
      const converter = proj4(def, 'WGS84');
      this.project = (xy) => converter.forward(xy);
    }
  }

  /** The row's location, or undefined when its cells are empty. Throws RowError for bad values. */
  optional(row: Row): LatLon | undefined {
    const l = this.spec;
    let p: LatLon | undefined;
    let what: string;
    if (l.point !== undefined) {
      what = l.point;
      p = parsePoint(row.get(l.point), l.point);
    } else if (l.x !== undefined && l.y !== undefined) {
      what = `${l.x}/${l.y}`;
      p = this.projected(row, l.x, l.y);
    } else {
      const lat = this.numbers.optional(row, l.lat, -90, 90);
      const lon = this.numbers.optional(row, l.lon, -180, 180);
      what = `${l.lat}/${l.lon}`;
      if ((lat === undefined) !== (lon === undefined))
        throw new RowError(`${lat === undefined ? l.lat : l.lon} is empty`);
      if (lat !== undefined && lon !== undefined) p = { lat, lon };
    }
    if (p && l.rejectZero && p.lat === 0 && p.lon === 0)
      throw new RowError(`${what} 0,0 stands for "no location"`);
    return p;
  }

  required(row: Row): LatLon {
    const p = this.optional(row);
    if (p) return p;
    const l = this.spec;
    throw new RowError(`${l.point ?? (l.x !== undefined ? `${l.x}/${l.y}` : l.lat)} is empty`);
  }

  private projected(row: Row, xCol: string, yCol: string): LatLon | undefined {
    const x = this.numbers.optional(row, xCol, -1e8, 1e8);
    const y = this.numbers.optional(row, yCol, -1e8, 1e8);
    if (x === undefined && y === undefined) return undefined;
    if (x === undefined || y === undefined) throw new RowError(`${x === undefined ? xCol : yCol} is empty`);
    if (Math.abs(x) <= 180 && Math.abs(y) <= 180)
      throw new RowError(
        `${xCol}/${yCol} ${x} ${y} look like degrees, not ${this.spec.crs} metres: map them as location.lat and lon`,
      );
    const [lon, lat] = this.project!([x, y]);
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180))
      throw new RowError(`${xCol}/${yCol} ${x} ${y} is outside ${this.spec.crs}`);
    return { lat: round7(lat), lon: round7(lon) };
  }
}

/** About 1 cm: more digits would only be noise of the projection. */
const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

export function parsePoint(raw: string, column: string): LatLon | undefined {
  if (raw === '') return undefined;
  let lat: number;
  let lon: number;
  const wkt = WKT.exec(raw);
  const pair = wkt ? null : PAIR.exec(raw);
  if (wkt) [lon, lat] = [Number(wkt[1]), Number(wkt[2])];
  else if (pair) [lat, lon] = [Number(pair[1]), Number(pair[2])];
  else if (/^POINT\s*(EMPTY)?\s*$/i.test(raw)) return undefined;
  else
    throw new RowError(
      `${column} "${raw}" is not a point: write "(lat, lon)", "lat,lon" or "POINT (lon lat)"`,
    );
  if (!(Math.abs(lat) <= 90))
    throw new RowError(`${column} "${raw}": latitude ${lat} is out of range (-90 to 90)`);
  if (!(Math.abs(lon) <= 180))
    throw new RowError(`${column} "${raw}": longitude ${lon} is out of range (-180 to 180)`);
  return { lat, lon };
}
