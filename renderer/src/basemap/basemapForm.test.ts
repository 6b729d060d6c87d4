import { describe, expect, it } from 'vitest';
import { basemapSchema } from '#shared/basemapSettings';
import { EMPTY_FORM, entryFromForm, externalHost, formFromEntry } from './basemapForm.ts';

const SERVER = 'http://127.0.0.1:8080';

describe('basemap settings form', () => {
  it('sends only the fields of the chosen kind, trimmed, in the shape the server checks', () => {
    const f = {
      ...EMPTY_FORM,
      path: ' maps/koeln.pmtiles ',
      url: 'https://x/wms',
      layers: 'a,b',
      attribution: ' © BKG ',
    };
    const cases = [
      [{ ...f, kind: 'none' as const }, { type: 'none' }],
      [
        { ...f, kind: 'pmtiles' as const },
        { type: 'pmtiles', path: 'maps/koeln.pmtiles' },
      ],
      [
        { ...f, kind: 'style' as const },
        { type: 'style', url: 'https://x/wms' },
      ],
      [
        { ...f, kind: 'raster' as const, tiles: 'https://t/{z}/{x}/{y}.png' },
        { type: 'raster', tiles: ['https://t/{z}/{x}/{y}.png'], attribution: '© BKG' },
      ],
      [
        { ...f, kind: 'wms' as const },
        { type: 'wms', url: 'https://x/wms', layers: 'a,b', attribution: '© BKG' },
      ],
    ] as const;
    for (const [form, entry] of cases) {
      expect(entryFromForm(form)).toEqual(entry);
      expect(basemapSchema.safeParse(entryFromForm(form)).success, form.kind).toBe(true);
    }
  });

  it('fills the form from the saved entry (a per-theme style shows its dark URL)', () => {
    expect(formFromEntry({ type: 'pmtiles', path: 'a.pmtiles', style: 'x.json' })).toMatchObject({
      kind: 'pmtiles',
      path: 'a.pmtiles',
    });
    expect(
      formFromEntry({ type: 'style', url: { dark: 'https://d/s.json', light: 'https://l/s.json' } }).url,
    ).toBe('https://d/s.json');
    expect(formFromEntry({ type: 'raster', tiles: ['https://t/{z}/{x}/{y}.png'], tileSize: 256 }).tiles).toBe(
      'https://t/{z}/{x}/{y}.png',
    );
  });

  it('names the host a source would make the workstations contact, unless it is the server', () => {
    expect(
      externalHost({ ...EMPTY_FORM, kind: 'style', url: 'https://tiles.example.org/s.json' }, SERVER),
    ).toBe('tiles.example.org');
    expect(
      externalHost(
        { ...EMPTY_FORM, kind: 'raster', tiles: 'https://a.tile.example/{z}/{x}/{y}.png' },
        SERVER,
      ),
    ).toBe('a.tile.example');
    expect(
      externalHost({ ...EMPTY_FORM, kind: 'raster', tiles: `${SERVER}/tiles/{z}/{x}/{y}.png` }, SERVER),
    ).toBeNull();
    expect(externalHost({ ...EMPTY_FORM, kind: 'pmtiles', path: 'https://x/a.pmtiles' }, SERVER)).toBeNull();
    expect(externalHost({ ...EMPTY_FORM, kind: 'style', url: 'not a url' }, SERVER)).toBeNull();
  });
});
