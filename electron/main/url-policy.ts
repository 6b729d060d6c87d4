/**
 * Which URLs a window may navigate to and which may leave the app for the OS browser. The window
 * only ever shows the dashboard origin; everything else is refused or handed to the OS browser.
 */

const WEB_PROTOCOLS = new Set(['http:', 'https:']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The origin of a web URL (http/https only), or null for anything else. */
export function webOrigin(url: string | undefined | null): string | null {
  if (!url) return null;
  const parsed = parse(url);
  return parsed && WEB_PROTOCOLS.has(parsed.protocol) ? parsed.origin : null;
}

/** Navigation (will-navigate, will-redirect) stays on the dashboard origin. */
export function isNavigationAllowed(url: string, dashboardOrigin: string): boolean {
  return webOrigin(url) === dashboardOrigin;
}

/**
 * The URL to hand to `shell.openExternal`, or null. Only plain http(s) links to other origins
 * leave the app; file:, javascript:, custom schemes and URLs with credentials never do.
 */
export function externalUrl(url: string, dashboardOrigin: string): string | null {
  const parsed = parse(url);
  if (!parsed || !WEB_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.username || parsed.password) return null;
  if (parsed.origin === dashboardOrigin) return null;
  return parsed.href;
}

export type WindowOpenDecision = { action: 'deny'; openExternal: string | null };

/** window.open and target=_blank never create a window; external web links go to the OS browser. */
export function decideWindowOpen(url: string, dashboardOrigin: string): WindowOpenDecision {
  return { action: 'deny', openExternal: externalUrl(url, dashboardOrigin) };
}
