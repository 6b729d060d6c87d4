import { DistrictIndex } from './districts.ts';
import { StreetIndex, type ReverseResult } from './streets.ts';

/** The organisation's own geodata, when configured: addresses and districts for map locations. */
export interface Geo {
  reverse(lat: number, lon: number): (ReverseResult & { district?: string }) | undefined;
  district(lat: number, lon: number): string | undefined;
}

export function loadGeo(streetsFile: string | undefined, districtsFile: string | undefined): Geo {
  const streets = streetsFile ? StreetIndex.fromFile(streetsFile) : undefined;
  const districts = districtsFile ? DistrictIndex.fromFile(districtsFile) : undefined;
  const district = (lat: number, lon: number) => districts?.at(lat, lon);
  return {
    district,
    reverse(lat, lon) {
      const hit = streets?.reverse(lat, lon);
      const d = district(lat, lon);
      return hit ? { ...hit, ...(d ? { district: d } : {}) } : undefined;
    },
  };
}
