import { z } from 'zod';
import type { LatLon } from '#shared/domain';
import { connectionStore } from '../stores/connectionStore.ts';

// `address: null`: the point is more than 150 m from every street (the server says so with 200).
const answerSchema = z.object({
  address: z.string().max(200).nullable(),
  district: z.string().max(64).optional(),
});
export interface ReverseAnswer {
  address: string;
  district?: string;
}

/**
 * The address (and district) the server derives from the organisation's street data for a map
 * location, or undefined when it has none configured or no street is near. Never throws.
 */
export async function reverseGeocode(at: LatLon, signal?: AbortSignal): Promise<ReverseAnswer | undefined> {
  const base = connectionStore.getState().serverUrl;
  try {
    const res = await fetch(`${base}/api/v1/geocode/reverse?lat=${at.lat}&lon=${at.lon}`, { signal });
    if (!res.ok) return undefined;
    const parsed = answerSchema.safeParse(await res.json());
    if (!parsed.success || parsed.data.address === null) return undefined;
    const { address, district } = parsed.data;
    return district === undefined ? { address } : { address, district };
  } catch {
    return undefined;
  }
}
