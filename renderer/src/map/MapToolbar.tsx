/** Map controls: fit all, trails mode, language; the unit/incident counts; the followed unit. */
import { useEffect } from 'react';
import { useMap } from './mapContext.ts';
import { FIT_ANYWAY_MS, fitAll, fitBounds, pictureBounds, readyToFit } from './fitAll.ts';
import { SettlingFit } from './settlingFit.ts';
import { useI18n } from '../i18n/i18n.ts';
import { LANGUAGES, TRAIL_MODES, settingsStore, useSettings } from '../stores/settingsStore.ts';
import { pictureStore, usePicture } from '../stores/pictureStore.ts';
import { selectOpenIncidentCount, selectUnitCount } from '../stores/selectors.ts';
import { selectionStore, useSelection } from '../stores/selectionStore.ts';

/**
 * Fits the view when the first picture arrives and while it settles, until the operator takes over
 * (settlingFit.ts). On a first start the picture can hold the simulator's running incidents before
 * any unit has reported a position; the first fit waits for the units (readyToFit).
 */
function useFitOnFirstData() {
  const map = useMap();
  useEffect(() => {
    const fit = new SettlingFit(
      (b) => {
        fitBounds(map, b, false);
        return true;
      },
      () => {
        const v = map.getBounds();
        return [v.getWest(), v.getSouth(), v.getEast(), v.getNorth()];
      },
    );
    let loadedAt = 0;
    const userMoved = (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) fit.stop();
    };
    const update = () => {
      if (fit.done) return;
      if (selectionStore.getState().followUnitId) return fit.stop();
      const { loaded, picture } = pictureStore.getState();
      if (!loaded) return;
      loadedAt ||= Date.now();
      if (!fit.started && !readyToFit(Object.values(picture.units), Date.now() - loadedAt)) return;
      fit.update(pictureBounds());
    };
    map.on('movestart', userMoved);
    const unsubs = [pictureStore.subscribe(update), selectionStore.subscribe(update)];
    const timer = setTimeout(update, FIT_ANYWAY_MS + 100);
    update();
    return () => {
      clearTimeout(timer);
      for (const u of unsubs) u();
      map.off('movestart', userMoved);
    };
  }, [map]);
}

export function MapToolbar() {
  const map = useMap();
  const { t } = useI18n();
  const trails = useSettings((s) => s.trails);
  const language = useSettings((s) => s.language);
  const units = usePicture(selectUnitCount);
  const incidents = usePicture(selectOpenIncidentCount);
  const followId = useSelection((s) => s.followUnitId);
  const followed = usePicture((s) => (followId ? s.picture.units[followId]?.callsign : undefined));
  useFitOnFirstData();
  return (
    <div className="map-toolbar" role="toolbar">
      <button type="button" data-testid="fit-all" onClick={() => fitAll(map)}>
        {t('toolbar.fitAll')}
      </button>
      <label>
        {t('toolbar.trails')}{' '}
        <select
          data-testid="trails-mode"
          value={trails}
          onChange={(e) =>
            settingsStore.getState().setTrails(TRAIL_MODES.find((m) => m === e.target.value) ?? 'off')
          }
        >
          {TRAIL_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`toolbar.trails.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('toolbar.language')}{' '}
        <select
          data-testid="language"
          value={language}
          onChange={(e) =>
            settingsStore.getState().setLanguage(LANGUAGES.find((l) => l === e.target.value) ?? 'de')
          }
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <span className="counts" data-testid="counts">
        {t('toolbar.counts', { units, incidents })}
      </span>
      {followed && (
        <button type="button" className="following" onClick={() => selectionStore.getState().follow(null)}>
          {t('toolbar.following', { callsign: followed })} ×
        </button>
      )}
    </div>
  );
}
