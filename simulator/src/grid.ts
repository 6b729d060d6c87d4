/**
 * A generated street grid for runs without a road file: jittered blocks of about 250 m with a few
 * missing segments (so routes are not trivially Manhattan), named German streets, and nine stations
 * spread over the area.
 */
import { distanceM, offsetM } from './geo.ts';
import type { Rng } from './prng.ts';
import type { RoadLine, StationPoint } from './roads.ts';

const SIZE = 41;
const SPACING_M = 250;
const STEMS = [
  'Schiller',
  'Goethe',
  'Linden',
  'Kirch',
  'Garten',
  'Mühlen',
  'Rosen',
  'Birken',
  'Eichen',
  'Ahorn',
  'Bach',
  'Berg',
  'Feld',
  'Wiesen',
  'Markt',
  'Schul',
  'Post',
  'Brunnen',
  'Sonnen',
  'Mozart',
  'Lessing',
];
const ROW_SUFFIXES = ['straße', 'weg'];
const COLUMN_SUFFIXES = ['allee', 'gasse'];

const DUESSELDORF = { lat: 51.2277, lon: 6.7735 };
const DUESSELDORF_STATIONS = [
  ['Oberkassel', 'Derendorf', 'Rath'],
  ['Altstadt', 'Flingern', 'Gerresheim'],
  ['Bilk', 'Wersten', 'Eller'],
];
const COMPASS_STATIONS = [
  ['Nordwest', 'Nord', 'Nordost'],
  ['West', 'Mitte', 'Ost'],
  ['Südwest', 'Süd', 'Südost'],
];

export interface GeneratedArea {
  lines: RoadLine[];
  stations: StationPoint[];
}

function streetNames(rng: Rng, suffixes: string[]): string[] {
  const names = suffixes.flatMap((suffix) => STEMS.map((stem) => stem + suffix));
  for (let i = names.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
}

export function generateArea(center: { lat: number; lon: number }, rng: Rng): GeneratedArea {
  const half = ((SIZE - 1) * SPACING_M) / 2;
  const nodes: { lat: number; lon: number }[][] = [];
  for (let r = 0; r < SIZE; r++) {
    const row: { lat: number; lon: number }[] = [];
    for (let c = 0; c < SIZE; c++) {
      const north = half - r * SPACING_M + rng.range(-40, 40);
      const east = -half + c * SPACING_M + rng.range(-40, 40);
      row.push(offsetM(center.lat, center.lon, north, east));
    }
    nodes.push(row);
  }
  const rowNames = streetNames(rng, ROW_SUFFIXES);
  const columnNames = streetNames(rng, COLUMN_SUFFIXES);
  const lines: RoadLine[] = [];
  const segment = (a: { lat: number; lon: number }, b: { lat: number; lon: number }, name: string): void => {
    // About one block edge in twelve is missing: dead ends and detours like in a real city.
    if (rng.chance(1 / 12)) return;
    lines.push({
      coords: [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ],
      name,
    });
  };
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      const here = nodes[r]![c]!;
      if (c + 1 < SIZE) segment(here, nodes[r]![c + 1]!, rowNames[r % rowNames.length]!);
      if (r + 1 < SIZE) segment(here, nodes[r + 1]![c]!, columnNames[c % columnNames.length]!);
    }
  }
  const names =
    distanceM(center.lat, center.lon, DUESSELDORF.lat, DUESSELDORF.lon) < 20_000
      ? DUESSELDORF_STATIONS
      : COMPASS_STATIONS;
  const stations: StationPoint[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const p =
        nodes[Math.round(((2 * i + 1) * (SIZE - 1)) / 6)]![Math.round(((2 * j + 1) * (SIZE - 1)) / 6)]!;
      stations.push({ ...p, name: `Polizeiwache ${names[i]![j]!}` });
    }
  }
  return { lines, stations };
}
