/**
 * The basemap the Lage server is configured with: its summary (`GET /api/v1/basemap`) and the
 * MapLibre style of it for a theme (`GET /api/v1/basemap/style`), checked before a map uses them.
 */
import { z } from 'zod';
import type { StyleSpecification } from 'maplibre-gl';

export const basemapSummarySchema = z.object({
  kind: z.enum(['none', 'pmtiles', 'style', 'raster', 'wms']),
  style: z.string().nullable(),
  overlaysInStyle: z.boolean(),
  archive: z
    .object({ name: z.string(), url: z.string(), bounds: z.array(z.number()).optional() })
    .passthrough()
    .nullable(),
  attribution: z.string().nullable(),
  overlays: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['districts', 'stations']),
      label: z.string().nullable(),
      url: z.string(),
    }),
  ),
});
export type BasemapSummary = z.infer<typeof basemapSummarySchema>;

export async function fetchBasemapSummary(signal?: AbortSignal): Promise<BasemapSummary> {
  const res = await fetch('/api/v1/basemap', { signal });
  if (!res.ok) throw new Error(`GET /api/v1/basemap: ${res.status}`);
  return basemapSummarySchema.parse(await res.json());
}

export async function fetchBasemapStyle(
  theme: 'dark' | 'light',
  signal?: AbortSignal,
): Promise<StyleSpecification> {
  const res = await fetch(`/api/v1/basemap/style?theme=${theme}`, { signal });
  if (!res.ok) throw new Error(`basemap style ${theme}: ${res.status}`);
  const style = (await res.json()) as StyleSpecification;
  if (style?.version !== 8 || !Array.isArray(style.layers))
    throw new Error(`basemap style ${theme}: not a MapLibre style`);
  return style;
}
