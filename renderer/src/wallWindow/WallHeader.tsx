/** The wall's top line: the view's name, the cycle indicator, what "send to wall" shows, and the data age. */
import { useConnection } from '../stores/connectionStore.ts';
import { usePicture } from '../stores/pictureStore.ts';
import { useI18n } from '../i18n/i18n.ts';
import { WALL_LAYOUT_TITLES, type CycleState, type WallLayoutId } from '../wallControl/layouts.ts';
import type { WallFreshness } from '../connection/staleness.ts';
import type { WallFocus } from './wallFocus.ts';
import { useConfirmedAt } from '../connection/quietProbe.ts';

interface Props {
  layout: WallLayoutId;
  cycle: (CycleState & { next: WallLayoutId }) | null;
  focus: WallFocus['focus'];
  fresh: WallFreshness;
}

function FocusLabel({ focus }: { focus: NonNullable<WallFocus['focus']> }) {
  const { t } = useI18n();
  const name = usePicture((s) =>
    focus.kind === 'unit' ? s.picture.units[focus.id]?.callsign : s.picture.incidents[focus.id]?.number,
  );
  return (
    <span className="wall-focus" data-testid="wall-focus">
      {t(focus.kind === 'unit' ? 'wall.focus.unit' : 'wall.focus.incident', { name: name ?? focus.id })}
    </span>
  );
}

export function WallHeader({ layout, cycle, focus, fresh }: Props) {
  const i = useI18n();
  const { t } = i;
  const lastServerNow = useConnection((s) => s.lastServerNow);
  const offset = useConnection((s) => s.clockOffsetMs);
  const confirmedAt = useConfirmedAt();
  // A confirmation by the health probe moves "as of" on, in the server's clock like the batches.
  const serverTime =
    lastServerNow === null ? null : Math.max(lastServerNow, confirmedAt === null ? 0 : confirmedAt - offset);
  const age =
    serverTime === null || fresh.ageMs === null
      ? t('wall.noData')
      : `${t('wall.asOf', { time: i.time(serverTime) })} · ${t('wall.age', { age: i.duration(fresh.ageMs) })}`;
  return (
    <header className="wall-header">
      <h1>{t(WALL_LAYOUT_TITLES[layout])}</h1>
      {focus && <FocusLabel focus={focus} />}
      {cycle && (
        <span className="wall-cycle" data-testid="wall-cycle">
          <span className="wall-cycle-bar" style={{ width: `${Math.round(cycle.progress * 100)}%` }} />
          {t('wall.cycle', {
            name: t(WALL_LAYOUT_TITLES[cycle.next]),
            s: Math.ceil(cycle.remainingMs / 1000),
          })}
        </span>
      )}
      <span className={fresh.stale ? 'wall-age stale' : 'wall-age'} data-testid="wall-age">
        {age}
      </span>
    </header>
  );
}
