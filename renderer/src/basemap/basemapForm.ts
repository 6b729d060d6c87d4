/**
 * The basemap settings form: what the operator typed turned into the settings entry the server
 * checks (`PUT /api/v1/basemap/settings`), and back. Pure; the server has the last word on validity.
 */
import { z } from 'zod';

export const BASEMAP_KINDS = ['none', 'pmtiles', 'style', 'raster', 'wms'] as const;
export type BasemapKind = (typeof BASEMAP_KINDS)[number];

export interface BasemapForm {
  kind: BasemapKind;
  /** pmtiles: archive path; style/wms: URL; raster: tile URL template. */
  path: string;
  url: string;
  tiles: string;
  layers: string;
  attribution: string;
}

export const EMPTY_FORM: BasemapForm = {
  kind: 'none',
  path: '',
  url: '',
  tiles: '',
  layers: '',
  attribution: '',
};

/** The entry as the server answers it (other fields of a hand-written file are kept as they are). */
export const basemapEntrySchema = z.looseObject({ type: z.enum(BASEMAP_KINDS) });
export const settingsAnswerSchema = z.object({ file: z.string().nullable(), basemap: basemapEntrySchema });
export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function formFromEntry(entry: Record<string, unknown> & { type: BasemapKind }): BasemapForm {
  const url = entry['url'];
  const tiles = entry['tiles'];
  return {
    ...EMPTY_FORM,
    kind: entry.type,
    path: str(entry['path']),
    // A per-theme style shows its dark URL; saving from the form sets one URL for both themes.
    url: typeof url === 'object' && url ? str((url as Record<string, unknown>)['dark']) : str(url),
    tiles: Array.isArray(tiles) ? str(tiles[0]) : '',
    layers: str(entry['layers']),
    attribution: str(entry['attribution']),
  };
}

/** The `basemap` entry to send; only the fields of the chosen kind, trimmed. */
export function entryFromForm(f: BasemapForm): Record<string, unknown> {
  const attribution = f.attribution.trim() ? { attribution: f.attribution.trim() } : {};
  switch (f.kind) {
    case 'none':
      return { type: 'none' };
    case 'pmtiles':
      return { type: 'pmtiles', path: f.path.trim() };
    case 'style':
      return { type: 'style', url: f.url.trim() };
    case 'raster':
      return { type: 'raster', tiles: [f.tiles.trim()], ...attribution };
    case 'wms':
      return { type: 'wms', url: f.url.trim(), layers: f.layers.trim(), ...attribution };
  }
}

/**
 * The host a configured source would make every workstation contact, when it is not the Lage
 * server itself (the form says so before saving), or null.
 */
export function externalHost(f: BasemapForm, serverOrigin: string): string | null {
  const raw = f.kind === 'style' || f.kind === 'wms' ? f.url : f.kind === 'raster' ? f.tiles : '';
  if (!raw.trim()) return null;
  try {
    const u = new URL(raw.trim().replace(/\{[^}]*\}/g, '0'));
    return u.origin === new URL(serverOrigin).origin ? null : u.host;
  } catch {
    return null;
  }
}
