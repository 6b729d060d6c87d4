/**
 * The web preferences of every Lagebild window. Pure (type-only Electron import), so the hardening
 * is asserted by a unit test as well as by the Electron journey where a binary exists.
 */
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    // Spell checking would download dictionaries from Google.
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}
