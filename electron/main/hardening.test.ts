// The hardening as installed on Electron's objects (fakes here: no Electron binary), with the
// behaviour of every guard: CSP, permissions, navigation, redirects, new windows, webviews.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, FakeContents, FakeSession, shell } from './testing/fake-electron-security.ts';
import { guardAllWebContents, hardenSession } from './hardening.ts';
import { ALLOWED_PERMISSIONS } from './permission-policy.ts';

vi.mock('electron', () => import('./testing/fake-electron-security.ts'));
vi.spyOn(console, 'warn').mockImplementation(() => undefined);

const ORIGIN = 'http://127.0.0.1:41234';

describe('hardenSession', () => {
  let session: FakeSession;
  beforeEach(() => {
    session = new FakeSession();
    hardenSession(session as never, ORIGIN);
  });

  it('puts the CSP on every dashboard response and leaves other origins alone', () => {
    const headers = session.headersFor(`${ORIGIN}/index.html`, { 'Content-Type': ['text/html'] });
    const csp = String(headers?.['Content-Security-Policy']);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline'?\s*;?\s*script/);
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    expect(session.headersFor('https://tiles.example.org/0/0/0.png')).toBeUndefined();
  });

  it('grants only the explicitly allowed permissions, and only to the dashboard', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['fullscreen']);
    expect(session.request('fullscreen', `${ORIGIN}/?mode=wall`)).toBe(true);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'pointerLock',
      'openExternal',
      'hid',
      'serial',
      'usb',
      'idle-detection',
      'unknown',
    ])
      expect(session.request(p, `${ORIGIN}/`), p).toBe(false);
    expect(session.request('fullscreen', 'https://evil.example/')).toBe(false);
    expect(session.request('fullscreen', 'file:///etc/passwd')).toBe(false);
    expect(session.onCheck?.({}, 'fullscreen', ORIGIN)).toBe(true);
    expect(session.onCheck?.({}, 'geolocation', ORIGIN)).toBe(false);
    expect(session.onCheck?.({}, 'fullscreen', 'https://evil.example')).toBe(false);
  });

  it('refuses every device (HID, serial, USB) and switches the spell checker off (no downloads)', () => {
    expect(session.onDevice?.()).toBe(false);
    expect(session.spellChecker).toBe(false);
  });
});

describe('guardAllWebContents', () => {
  let contents: FakeContents;
  beforeEach(() => {
    app.removeAllListeners();
    shell.opened = [];
    guardAllWebContents(ORIGIN);
    contents = new FakeContents();
    // Every web contents the app creates from now on (windows, walls, replays) is guarded.
    app.emit('web-contents-created', {}, contents);
  });

  it('keeps navigation and redirects on the dashboard origin', () => {
    expect(contents.refuses('will-navigate', `${ORIGIN}/?mode=wall&layout=lage`)).toBe(false);
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:9999/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(contents.refuses('will-navigate', url), url).toBe(true);
      expect(contents.refuses('will-redirect', url), url).toBe(true);
    }
    expect(contents.refuses('will-redirect', `${ORIGIN}/api/v1/health`)).toBe(false);
  });

  it('refuses every webview', () => {
    expect(contents.refuses('will-attach-webview', `${ORIGIN}/`)).toBe(true);
    expect(contents.refuses('will-attach-webview', 'https://example.org/')).toBe(true);
  });

  it('denies every new window; plain http(s) links to other origins go to the OS browser', async () => {
    const open = (url: string) => contents.openHandler?.({ url });
    expect(open('https://www.openstreetmap.org/copyright')).toEqual({ action: 'deny' });
    expect(open('http://example.org/a?b=1')).toEqual({ action: 'deny' });
    for (const url of [
      `${ORIGIN}/?mode=replay`,
      'file:///C:/Windows/system32/calc.exe',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://evil/share',
      'https://user:pw@example.org/',
      '',
    ])
      expect(open(url), url).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(shell.opened).toEqual(['https://www.openstreetmap.org/copyright', 'http://example.org/a?b=1']);
  });
});
