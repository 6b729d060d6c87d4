/** Map controls: fit all, trails mode, language; the unit/incident counts; the followed unit. */
import { useEffect, useRef } from 'react';
import { useMap } from './mapContext.ts';
import { FIT_ANYWAY_MS, fitAll, readyToFit } from './fitAll.ts';
import { useI18n } from '../i18n/i18n.ts';
import { LANGUAGES, TRAIL_MODES, settingsStore, useSettings } from '../stores/settingsStore.ts';
import { pictureStore, usePicture } from '../stores/pictureStore.ts';
import { selectOpenIncidentCount, selectUnitCount } from '../stores/selectors.ts';
import { selectionStore, useSelection } from '../stores/selectionStore.ts';

/**
 * Fits the view once, when the first picture with unit positions arrives, unless the user moved the
 * map. On a first start the picture can hold the simulator's running incidents before any unit has
 * reported a position; fitting those alone would zoom into one street, so units are waited for
 * (readyToFit).
 */
function useFitOnFirstData() {
  const map = useMap();
  const done = useRef(false);
  useEffect(() => {
    let loadedAt = 0;
    const userMoved = (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) done.current = true;
    };
    const tryFit = () => {
      const { loaded, picture } = pictureStore.getState();
      if (done.current || !loaded) return;
      loadedAt ||= Date.now();
      if (readyToFit(Object.values(picture.units), Date.now() - loadedAt)) done.current = fitAll(map, false);
    };
    const timer = setTimeout(tryFit, FIT_ANYWAY_MS + 100);
    map.on('movestart', userMoved);
    const unsub = pictureStore.subscribe(tryFit);
    tryFit();
    return () => {
      clearTimeout(timer);
      unsub();
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
