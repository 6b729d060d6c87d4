/**
 * Applies the pure policies to Electron: CSP on every dashboard response, permission handlers, and
 * guards on every web contents (navigation, redirects, new windows, webviews). Installed once per
 * session and for every web contents created, so later windows (walls) get them automatically.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { buildCsp, withCsp } from './csp.ts';
import { isPermissionAllowed } from './permission-policy.ts';
import { decideWindowOpen, isNavigationAllowed, webOrigin } from './url-policy.ts';

export function hardenSession(session: Session, dashboardOrigin: string): void {
  const csp = buildCsp(dashboardOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (webOrigin(details.url) !== dashboardOrigin) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, dashboardOrigin);
    if (!allowed) console.warn(`Lagebild: refused permission "${permission}" for ${details.requestingUrl}`);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, dashboardOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  // Chromium would fetch spell-check dictionaries from Google: no request may leave the machine.
  session.setSpellCheckerEnabled(false);
}

function guardContents(contents: WebContents, dashboardOrigin: string): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string, what: string): void => {
    if (isNavigationAllowed(url, dashboardOrigin)) return;
    event.preventDefault();
    console.warn(`Lagebild: blocked ${what} to ${url}`);
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url, 'navigation'));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    console.warn('Lagebild: blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, dashboardOrigin);
    if (decision.openExternal) {
      shell.openExternal(decision.openExternal).catch((error: unknown) => {
        console.warn(`Lagebild: could not open ${decision.openExternal}: ${String(error)}`);
      });
    } else {
      console.warn(`Lagebild: refused a new window for ${url}`);
    }
    return { action: decision.action };
  });
}

/** Guards every web contents the app will ever create, from now on. */
export function guardAllWebContents(dashboardOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, dashboardOrigin));
}
