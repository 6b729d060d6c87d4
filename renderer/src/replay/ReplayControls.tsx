/** Play/pause, ±10 s, speed, the playhead time, the loading state and the keyboard help. */
import { useI18n } from '../i18n/i18n.ts';
import type { ReplayController } from './controller.ts';
import { isBuffering, useReplay } from './replayStore.ts';
import { SPEEDS, isSpeed, speedLabel } from './speeds.ts';
import { REPLAY_KEYS } from './keys.ts';

export function ReplayControls({ controller }: { controller: ReplayController }) {
  const i = useI18n();
  const { t } = i;
  const playing = useReplay((s) => s.playing);
  const speed = useReplay((s) => s.speed);
  const time = useReplay((s) => s.t);
  const buffering = useReplay(isBuffering);
  const status = useReplay((s) => s.status);
  const error = useReplay((s) => s.error);
  return (
    <div className="replay-controls">
      <button type="button" onClick={() => controller.step(-10_000)} title={t('replay.back')}>
        −10 s
      </button>
      <button
        type="button"
        className="primary replay-play"
        data-testid="replay-play"
        aria-pressed={playing}
        onClick={() => controller.toggle()}
      >
        {playing ? t('replay.pause') : t('replay.play')}
      </button>
      <button type="button" onClick={() => controller.step(10_000)} title={t('replay.forward')}>
        +10 s
      </button>
      <label>
        {t('replay.speed')}{' '}
        <select
          data-testid="replay-speed"
          value={speed}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (isSpeed(n)) controller.setSpeed(n);
          }}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <output className="replay-time" data-testid="replay-time" data-t={Math.round(time)}>
        {i.dateTime(time)}
      </output>
      <span className="replay-state" data-testid="replay-state" data-state={buffering ? 'buffering' : status}>
        {status === 'error' ? (
          <>
            {t('replay.error', { detail: error ?? '' })}{' '}
            <button type="button" className="link" onClick={() => controller.retry()}>
              {t('replay.retry')}
            </button>
          </>
        ) : buffering ? (
          t('replay.buffering')
        ) : (
          t('replay.ready')
        )}
      </span>
      <span className="replay-help" tabIndex={0} data-testid="replay-help">
        {t('replay.help')} ⌨
        <span className="replay-help-tip" role="tooltip">
          <table>
            <tbody>
              {REPLAY_KEYS.map((k) => (
                <tr key={k.what}>
                  <th>{i.lang === 'de' ? k.keys : k.keysEn}</th>
                  <td>{t(k.what)}</td>
                </tr>
              ))}
              <tr>
                <th>⇔</th>
                <td>{t('replay.key.drag')}</td>
              </tr>
            </tbody>
          </table>
        </span>
      </span>
    </div>
  );
}
