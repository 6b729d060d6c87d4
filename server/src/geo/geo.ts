import { DistrictIndex } from './districts.ts';
import { StreetIndex, type ReverseResult } from './streets.ts';
import { StreetSearch, type SearchHit } from './streetSearch.ts';

/** The organisation's own geodata, when configured: addresses and districts for map locations. */
export interface Geo {
  /** Whether a street register is configured (without one there is nothing to geocode against). */
  readonly hasStreets: boolean;
  reverse(lat: number, lon: number): (ReverseResult & { district?: string }) | undefined;
  /** Addresses for typed text (a street, optionally with a house number), with their districts. */
  search(q: string, limit?: number): (SearchHit & { district?: string })[];
  district(lat: number, lon: number): string | undefined;
  /** The region's district names (from the polygon file), sorted; empty without one. */
  districtNames(): string[];
}

export function loadGeo(streetsFile: string | undefined, districtsFile: string | undefined): Geo {
  const streets = streetsFile ? StreetIndex.fromFile(streetsFile) : undefined;
  const districts = districtsFile ? DistrictIndex.fromFile(districtsFile) : undefined;
  let finder: StreetSearch | undefined;
  const district = (lat: number, lon: number) => districts?.at(lat, lon);
  const withDistrict = <T extends { lat: number; lon: number }>(hit: T): T & { district?: string } => {
    const d = district(hit.lat, hit.lon);
    return d ? { ...hit, district: d } : hit;
  };
  return {
    hasStreets: streets !== undefined,
    district,
    districtNames: () => districts?.names() ?? [],
    reverse(lat, lon) {
      const hit = streets?.reverse(lat, lon);
      const d = district(lat, lon);
      return hit ? { ...hit, ...(d ? { district: d } : {}) } : undefined;
    },
    search(q, limit) {
      if (!streets) return [];
      // Built on first use: the register is grouped by street once.
      finder ??= new StreetSearch(streets.segments);
      return finder.search(q, limit).map(withDistrict);
    },
  };
}
