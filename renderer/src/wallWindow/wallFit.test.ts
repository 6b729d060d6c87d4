import { describe, expect, it } from 'vitest';
import { ZOOM_IN_STEP, wallNeedsRefit } from './wallFit.ts';
import type { Bounds } from '../map/features.ts';

const view: Bounds = [6.8, 50.8, 7.2, 51.1];
const inView: Bounds = [6.9, 50.85, 7.1, 51.0];

describe('wall refit', () => {
  it('stays put while the picture lies in the view and a fit would change little', () => {
    expect(wallNeedsRefit({ view, zoom: 10.8 }, inView, 10.8)).toBe(false);
    expect(wallNeedsRefit({ view, zoom: 10.8 }, inView, 10.8 + ZOOM_IN_STEP - 0.01)).toBe(false);
    // A fit that would zoom out while everything is visible is not needed either.
    expect(wallNeedsRefit({ view, zoom: 10.8 }, inView, 10.2)).toBe(false);
  });

  it('moves when a unit leaves the view', () => {
    expect(wallNeedsRefit({ view, zoom: 10.8 }, [6.9, 50.85, 7.3, 51.0], 10.1)).toBe(true);
    expect(wallNeedsRefit({ view, zoom: 10.8 }, [6.7, 50.85, 7.1, 51.0], undefined)).toBe(true);
  });

  it('zooms in when the picture drew together', () => {
    expect(wallNeedsRefit({ view, zoom: 10.8 }, inView, 10.8 + ZOOM_IN_STEP)).toBe(true);
    expect(wallNeedsRefit({ view, zoom: 10.8 }, inView, undefined)).toBe(false);
  });
});
