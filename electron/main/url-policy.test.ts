import { describe, expect, it } from 'vitest';
import { decideWindowOpen, externalUrl, isNavigationAllowed, webOrigin } from './url-policy.ts';

const DASH = 'http://127.0.0.1:41234';

describe('webOrigin', () => {
  it('returns the origin of http(s) URLs only', () => {
    expect(webOrigin('http://127.0.0.1:41234/x?y#z')).toBe(DASH);
    expect(webOrigin('https://Example.ORG/')).toBe('https://example.org');
    expect(webOrigin('file:///etc/passwd')).toBeNull();
    expect(webOrigin('devtools://devtools/bundled/inspector.html')).toBeNull();
    expect(webOrigin('nonsense')).toBeNull();
    expect(webOrigin(undefined)).toBeNull();
  });
});

describe('isNavigationAllowed', () => {
  it('allows any path on the dashboard origin', () => {
    expect(isNavigationAllowed(`${DASH}/`, DASH)).toBe(true);
    expect(isNavigationAllowed(`${DASH}/?mode=wall&layout=kpi`, DASH)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:41235/',
    'https://127.0.0.1:41234/',
    'http://localhost:41234/',
    'https://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
  ])('refuses %s', (url) => {
    expect(isNavigationAllowed(url, DASH)).toBe(false);
  });
});

describe('externalUrl and decideWindowOpen', () => {
  it('opens plain web links to other origins in the OS browser', () => {
    expect(externalUrl('https://www.polizei.nrw/', DASH)).toBe('https://www.polizei.nrw/');
    expect(externalUrl('http://osm.org/#map=12/51/7', DASH)).toBe('http://osm.org/#map=12/51/7');
  });

  it.each([
    'file:///home/user/.ssh/id_rsa',
    'javascript:alert(1)',
    'smb://share/x',
    'mailto:a@b.example',
    'vscode://file/x',
    'https://user:secret@evil.example/',
    `${DASH}/other`,
    'not a url',
  ])('never hands %s to the OS', (url) => {
    expect(externalUrl(url, DASH)).toBeNull();
  });

  it('denies every new window, with or without an external open', () => {
    expect(decideWindowOpen('https://example.org/', DASH)).toEqual({
      action: 'deny',
      openExternal: 'https://example.org/',
    });
    expect(decideWindowOpen(`${DASH}/?mode=wall`, DASH)).toEqual({ action: 'deny', openExternal: null });
    expect(decideWindowOpen('about:blank', DASH)).toEqual({ action: 'deny', openExternal: null });
  });
});
