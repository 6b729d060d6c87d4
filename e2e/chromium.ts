/**
 * How the journeys and the benchmarks start Debian's Chromium (never a downloaded browser).
 *
 * Chromium 15x prepares its omnibox pop-up (a WebUI page of its own renderer process) for every
 * window, even headless, and Playwright opens a window per browser context: measured 1.3 CPU s per
 * context for a page no test shows, on a two-core machine that runs the map in software. The
 * features that do it are switched off here. Chromium reads only the last `--disable-features`, so
 * Playwright's own list (playwright-core's chromiumSwitches.ts, 1.65) is repeated in it.
 */
export const CHROMIUM = process.env.LAGEBILD_CHROMIUM ?? '/usr/bin/chromium';

const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];
const UNSHOWN_WEBUI = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNSHOWN_WEBUI].join(',')}`,
];
