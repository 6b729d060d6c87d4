import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from './permission-policy.ts';

const DASH = 'http://127.0.0.1:41234';

describe('isPermissionAllowed', () => {
  it('allows full screen for the dashboard origin', () => {
    expect(isPermissionAllowed('fullscreen', `${DASH}/`, DASH)).toBe(true);
    expect(isPermissionAllowed('fullscreen', DASH, DASH)).toBe(true);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'openExternal',
    'clipboard-read',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'idle-detection',
    'window-management',
    'unknown',
  ])('refuses %s even for the dashboard', (permission) => {
    expect(isPermissionAllowed(permission, `${DASH}/`, DASH)).toBe(false);
  });

  it('refuses full screen for other or missing origins', () => {
    expect(isPermissionAllowed('fullscreen', 'https://example.org/', DASH)).toBe(false);
    expect(isPermissionAllowed('fullscreen', 'http://127.0.0.1:1/', DASH)).toBe(false);
    expect(isPermissionAllowed('fullscreen', 'file:///x.html', DASH)).toBe(false);
    expect(isPermissionAllowed('fullscreen', undefined, DASH)).toBe(false);
    expect(isPermissionAllowed('fullscreen', '', DASH)).toBe(false);
  });
});
