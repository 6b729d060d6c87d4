/**
 * Stand-ins for the parts of Electron the hardening touches (app, shell, a session, a web
 * contents), for unit tests where no Electron binary exists. They record what main installed and
 * let a test play Chromium: fire a navigation, a window.open, a webview, a permission request.
 */
import { EventEmitter } from 'node:events';

export const app = new EventEmitter();

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

type Headers = Record<string, string[] | string>;
type PermissionRequest = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type PermissionCheck = (contents: unknown, permission: string, requestingOrigin: string) => boolean;

export class FakeSession {
  onHeaders?: (
    details: { url: string; responseHeaders?: Headers },
    callback: (r: { responseHeaders?: Headers }) => void,
  ) => void;
  onRequest?: PermissionRequest;
  onCheck?: PermissionCheck;
  onDevice?: () => boolean;
  spellChecker = true;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['onHeaders']>) => {
      this.onHeaders = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.onRequest = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheck): void {
    this.onCheck = handler;
  }
  setDevicePermissionHandler(handler: () => boolean): void {
    this.onDevice = handler;
  }
  setSpellCheckerEnabled(on: boolean): void {
    this.spellChecker = on;
  }

  /** What a response from `url` carries after the session's header hook. */
  headersFor(url: string, responseHeaders: Headers = {}): Headers | undefined {
    let out: Headers | undefined;
    this.onHeaders?.({ url, responseHeaders }, (r) => (out = r.responseHeaders));
    return out;
  }
  /** The answer to a permission request from a page at `url`. */
  request(permission: string, url: string): boolean | undefined {
    let granted: boolean | undefined;
    this.onRequest?.({}, permission, (g) => (granted = g), { requestingUrl: url });
    return granted;
  }
}

/** An event as Electron passes it to will-navigate and friends: refused by preventDefault(). */
export class FakeEvent {
  prevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Fires `name` with a fresh event and says whether a listener refused it. */
  refuses(name: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    const event = new FakeEvent(url);
    this.emit(name, event, url);
    return event.prevented;
  }
}
