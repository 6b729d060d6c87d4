/**
 * The region's geodata from the server (docs/api.md): its district names for the "Bereich" filter
 * and address suggestions from its street register. Answers are checked; nothing here throws.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { connectionStore, useConnection } from '../stores/connectionStore.ts';

const districtsAnswer = z.object({ districts: z.array(z.string().max(64)).max(1000) });

/** The region's districts, or [] while unknown (no polygons configured, offline, not allowed). */
export function useRegionDistricts(): readonly string[] {
  const base = useConnection((s) => s.serverUrl);
  const [names, setNames] = useState<readonly string[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    fetch(`${base}/api/v1/geo/districts`, { signal: abort.signal })
      .then(async (res) => (res.ok ? districtsAnswer.safeParse(await res.json()) : null))
      .then((parsed) => {
        if (parsed?.success) setNames(parsed.data.districts);
      })
      .catch(() => {});
    return () => abort.abort();
  }, [base]);
  return names;
}

const suggestion = z.object({
  address: z.string().max(200),
  street: z.string().max(200),
  houseNumber: z.number().optional(),
  exact: z.boolean(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  district: z.string().max(64).optional(),
});
export type AddressSuggestion = z.infer<typeof suggestion>;
const searchAnswer = z.object({ results: z.array(suggestion).max(10) });

/** Addresses of the region's street register for typed text; [] when none (or no register). */
export async function searchAddress(q: string, signal?: AbortSignal): Promise<AddressSuggestion[]> {
  const base = connectionStore.getState().serverUrl;
  try {
    const res = await fetch(`${base}/api/v1/geocode/search?q=${encodeURIComponent(q)}&limit=8`, { signal });
    if (!res.ok) return [];
    const parsed = searchAnswer.safeParse(await res.json());
    return parsed.success ? parsed.data.results : [];
  } catch {
    return [];
  }
}
