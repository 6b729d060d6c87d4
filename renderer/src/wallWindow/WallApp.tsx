/**
 * The wall display (`/?mode=wall&layout=<name>[&cycle=<s>]`): one layout filling the screen, the
 * data age always visible, the whole wall marked stale when data stops. Read-only by design: no
 * dialogs, menus or shortcuts are mounted; the server redacts what a wall receives.
 */
import { useEffect, useMemo, useState } from 'react';
import { onWallCommand } from '../platform/platform.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { connectionStore, useConnection } from '../stores/connectionStore.ts';
import { useI18n } from '../i18n/i18n.ts';
import {
  MAX_CYCLE_S,
  MIN_CYCLE_S,
  WALL_LAYOUTS,
  WALL_LAYOUT_TITLES,
  currentView,
  parseWallParams,
} from '../wallControl/layouts.ts';
import { wallFreshness } from '../connection/staleness.ts';
import { activeFocus, showOnWall, useWallFocus } from './wallFocus.ts';
import { useTick } from './useTick.ts';
import { useAutoHideCursor } from './useAutoHideCursor.ts';
import { useConfirmedAt, useQuietProbe } from '../connection/quietProbe.ts';
import { WallHeader } from './WallHeader.tsx';
import { WALL_VIEWS } from './WallLayoutView.tsx';
import '../styles/wall.css';

function StaleBanner({ text }: { text: string }) {
  return (
    <div className="wall-stale-banner" role="alert" data-testid="wall-stale-banner">
      {text}
    </div>
  );
}

export function WallApp({ search }: { search: string }) {
  const i = useI18n();
  const { t } = i;
  const params = useMemo(() => parseWallParams(search), [search]);
  const [startedAt] = useState(() => Date.now());
  const now = useTick(1_000);
  useConnection((s) => s.presence);
  const confirmedAt = useConfirmedAt();
  const fresh = wallFreshness({ ...connectionStore.getState(), confirmedAt }, now);
  const focus = useWallFocus((s) => activeFocus(s, now));

  useEffect(() => {
    // The wall is dark whatever this browser's operator chose; not saved, so their setting stays.
    settingsStore.setState({ theme: 'dark' });
    document.documentElement.dataset['theme'] = 'dark';
    document.documentElement.dataset['mode'] = 'wall';
    document.title = t('wall.title');
    return onWallCommand((command) => showOnWall(command));
  }, [t]);
  useAutoHideCursor();
  useQuietProbe();

  const { layout, cycle } = currentView(params, now - startedAt, focus !== null);
  const View = WALL_VIEWS[layout];
  const staleText = fresh.stale
    ? fresh.reason === 'silent' && fresh.ageMs !== null
      ? t('wall.stale.silent', { age: i.duration(fresh.ageMs) })
      : t(fresh.reason === 'waiting' ? 'wall.stale.waiting' : 'wall.stale.disconnected')
    : null;

  return (
    <div className="wall" data-testid="wall" data-layout={layout} data-stale={fresh.stale}>
      <WallHeader layout={layout} cycle={cycle} focus={focus} fresh={fresh} />
      {/* A zero-height row: the banner lies over the top of the body instead of shrinking it, so
          connecting does not resize the map (a 4K canvas re-allocated, refitted and re-tiled). */}
      <div className="wall-overlay-row">{staleText && <StaleBanner text={staleText} />}</div>
      {params.unknownLayout && (
        <div className="wall-notice" role="alert" data-testid="wall-notice">
          {t('wall.unknownLayout', {
            name: params.unknownLayout,
            fallback: t(WALL_LAYOUT_TITLES[params.layout]),
            names: WALL_LAYOUTS.join(', '),
          })}
        </div>
      )}
      {params.badCycle !== null && (
        <div className="wall-notice" role="alert" data-testid="wall-notice">
          {t('wall.badCycle', { value: params.badCycle, min: MIN_CYCLE_S, max: MAX_CYCLE_S })}
        </div>
      )}
      <main className="wall-body" data-testid={fresh.stale ? 'wall-stale' : 'wall-live'}>
        <View />
      </main>
    </div>
  );
}
