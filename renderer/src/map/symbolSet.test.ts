/**
 * The layouts of both symbol sets, checked with MapLibre's own style specification: every layout
 * validates as part of a style, and the tactical icon expressions name exactly the images
 * tacticalIcons.ts adds.
 */
import { describe, expect, it } from 'vitest';
import {
  createExpression,
  validateStyleMin,
  type StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { CALL_TYPES, FMS_STATUSES, PRIORITIES, UNIT_KINDS } from '#shared/domain';
import {
  NORMAL_SCALE,
  UNIT_SORT_KEY,
  incidentLayout,
  incidentLift,
  tacticalIncidentIconName,
  tacticalUnitIconName,
  unitLayout,
  type SymbolLayout,
} from './symbolSet.ts';
import { SYMBOL_SETS } from '../stores/settingsStore.ts';
import { INCIDENT_ICON_HEIGHT } from './icons.ts';

function evaluate(expression: unknown, properties: Record<string, unknown>): unknown {
  const parsed = createExpression(expression, 'layers[0].layout.icon-image');
  if (parsed.result !== 'success') throw new Error(parsed.value.map((e) => e.message).join('; '));
  return parsed.value.evaluate({ zoom: 12 }, { type: 'Point', properties } as never);
}

function styleWith(layout: SymbolLayout): StyleSpecification {
  return {
    version: 8,
    glyphs: 'http://127.0.0.1/{fontstack}/{range}.pbf',
    sources: { s: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [
      { id: 'l', type: 'symbol', source: 's', layout: { ...layout, 'symbol-sort-key': UNIT_SORT_KEY } },
    ],
  };
}

describe('symbol sets', () => {
  it.each(SYMBOL_SETS)('%s: unit and incident layouts are valid MapLibre layouts', (set) => {
    for (const layout of [unitLayout(set, NORMAL_SCALE), incidentLayout(set, { text: 3, icon: 2 })])
      expect(validateStyleMin(styleWith(layout))).toEqual([]);
  });

  it('tactical unit icons name the image of the unit kind and status', () => {
    const icon = unitLayout('tactical', NORMAL_SCALE)['icon-image'];
    for (const kind of UNIT_KINDS)
      for (const status of FMS_STATUSES)
        expect(evaluate(icon, { kind, status })).toBe(tacticalUnitIconName(kind, status));
    expect(unitLayout('tactical', NORMAL_SCALE)['icon-rotate']).toBe(0);
    expect(unitLayout('arrows', NORMAL_SCALE)['icon-rotate']).toEqual(['get', 'heading']);
  });

  it('tactical incident icons name the image of the call type and priority; labels give the name', () => {
    const layout = incidentLayout('tactical', NORMAL_SCALE);
    for (const type of CALL_TYPES)
      for (const priority of PRIORITIES)
        expect(evaluate(layout['icon-image'], { type, priority })).toBe(
          tacticalIncidentIconName(type, priority),
        );
    expect(layout['text-field']).toEqual(['get', 'name']);
    expect(incidentLayout('arrows', NORMAL_SCALE)['text-field']).toEqual(['get', 'short']);
  });

  it('draws emergencies above speech requests above committed above available units', () => {
    const key = (status: number) => evaluate(UNIT_SORT_KEY, { status }) as number;
    expect(key(0)).toBeGreaterThan(key(5));
    expect(key(5)).toBeGreaterThan(key(3));
    expect(key(4)).toBeGreaterThan(key(2));
    expect(key(2)).toBeGreaterThan(key(6));
  });

  it('scales label and icon sizes, and the incident lift with the icon', () => {
    expect(unitLayout('tactical', { text: 4.4, icon: 3.5 })).toMatchObject({
      'text-size': 53,
      'icon-size': 3.5,
    });
    expect(incidentLift(2)).toBe(INCIDENT_ICON_HEIGHT);
  });
});
