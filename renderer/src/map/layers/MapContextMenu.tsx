/**
 * Right-click on the map: a small menu to open an incident at that spot. Also lends the map centre
 * to the keyboard's "N". The menu closes on Escape, a click elsewhere or when the map moves.
 */
import { useEffect, useState } from 'react';
import type { MapMouseEvent } from 'maplibre-gl';
import type { LatLon } from '#shared/domain';
import { useMap } from '../mapContext.ts';
import { mapBridge, uiStore } from '../../stores/uiStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { useActionBlock } from '../../components/LinkLostBanner.tsx';

interface Menu {
  x: number;
  y: number;
  at: LatLon;
}

export function MapContextMenu() {
  const map = useMap();
  const { t } = useI18n();
  const [menu, setMenu] = useState<Menu | null>(null);
  const blocked = useActionBlock();

  useEffect(() => {
    mapBridge.center = () => {
      const c = map.getCenter();
      return { lat: c.lat, lon: c.lng };
    };
    const onContext = (e: MapMouseEvent) => {
      e.preventDefault();
      setMenu({ x: e.point.x, y: e.point.y, at: { lat: e.lngLat.lat, lon: e.lngLat.lng } });
    };
    const close = () => setMenu(null);
    map.on('contextmenu', onContext);
    map.on('click', close);
    map.on('movestart', close);
    return () => {
      mapBridge.center = () => null;
      map.off('contextmenu', onContext);
      map.off('click', close);
      map.off('movestart', close);
    };
  }, [map]);

  if (!menu) return null;
  return (
    <div
      className="map-menu"
      role="menu"
      aria-label={t('mapMenu.label')}
      style={{ left: menu.x, top: menu.y }}
      data-testid="map-menu"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        setMenu(null);
      }}
    >
      <button
        type="button"
        role="menuitem"
        autoFocus
        data-testid="map-menu-open-incident"
        disabled={blocked !== null}
        title={blocked ?? undefined}
        onClick={() => {
          uiStore.getState().openNewIncident(menu.at);
          setMenu(null);
        }}
      >
        {t('mapMenu.open')}
      </button>
    </div>
  );
}
