/**
 * The basemap summary and style asked for as soon as the page runs (main.tsx), together with the
 * session check (with a session cookie both are answered; signed out, the summary is refused and
 * asked again after sign-in): the dashboard's and the wall's map are created on the region's style
 * (startingBasemap) instead of switching to it after their `load`, and the built-in Natural Earth
 * map (3.6 MB to fetch, parse and tile) is only loaded when the summary says there is no basemap.
 * Every map of the page shares one summary request; the early style is used once, for its theme.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStore } from './basemapStore.ts';
import { fetchBasemapStyle, fetchBasemapSummary, type BasemapSummary } from './summary.ts';

type Theme = 'dark' | 'light';

interface Early {
  revision: number;
  theme: Theme;
  style: Promise<StyleSpecification | null>;
  /** The summary was refused or failed (e.g. asked before signing in): the next prefetch asks again. */
  failed: boolean;
}

let early: Early | null = null;
/** The last prefetch, kept after its style was used (a second call then asks nothing). */
let prefetched: Early | null = null;
let inflight: { revision: number; summary: Promise<BasemapSummary> } | null = null;

const quiet = <T>(p: Promise<T>): Promise<T> => {
  p.catch(() => undefined);
  return p;
};

/**
 * Starts the summary request and, for a configured basemap, the style of `theme`. Asked again for
 * the same theme and settings it does nothing, unless the earlier summary request failed.
 */
export function prefetchBasemap(theme: Theme): void {
  const revision = basemapStore.getState().revision;
  const last = prefetched;
  if (last && last.theme === theme && last.revision === revision && !last.failed) return;
  const summary = basemapSummary();
  const style = summary.then((s) => (s.kind === 'none' || !s.style ? null : fetchBasemapStyle(theme)));
  const entry = { revision, theme, style: quiet(style), failed: false };
  summary.catch(() => (entry.failed = true));
  early = prefetched = entry;
}

/**
 * The summary of the current settings: the store's once known, else the one request in flight
 * (settings saved since — reloadBasemap bumps the revision — start a new one).
 */
export function basemapSummary(): Promise<BasemapSummary> {
  const { summary, revision } = basemapStore.getState();
  if (summary) return Promise.resolve(summary);
  if (inflight?.revision !== revision) {
    const request = fetchBasemapSummary();
    inflight = { revision, summary: quiet(request) };
    // A failed request is not kept: the next map asks again.
    request.catch(() => {
      if (inflight?.summary === request) inflight = null;
    });
  }
  return inflight.summary;
}

/** The style of `theme`: the early one when it was asked for this theme and these settings, once. */
export async function basemapStyle(theme: Theme, signal?: AbortSignal): Promise<StyleSpecification> {
  const e = early;
  early = null;
  if (e && e.theme === theme && e.revision === basemapStore.getState().revision) {
    const style = await e.style.catch(() => null);
    if (style) return style;
  }
  return fetchBasemapStyle(theme, signal);
}
