/**
 * The timeline: activity sparkline, incident markers and the playhead. Drag to scrub (pointer
 * capture; throttled seeks while dragging, an exact one on release); click a marker to jump just
 * after the call. It is a slider for assistive technology; the keys are handled by the view.
 */
import { memo, useMemo, useRef, type PointerEvent } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { PRIORITY_COLORS } from '../theme/colors.ts';
import { CALL_SETTLE_MS, type ReplayController } from './controller.ts';
import type { Activity } from './api.ts';
import { useReplay, type Marker } from './replayStore.ts';

const W = 1000;
const H = 40;

export function sparklinePath(activity: Activity | null): string {
  if (!activity || activity.events.length === 0) return '';
  const n = activity.events.length;
  const max = Math.max(1, ...activity.events);
  const pts = activity.events.map((v, i) => `${((i + 0.5) / n) * W},${H - (v / max) * (H - 2)}`);
  return `M0,${H} L${pts.join(' L')} L${W},${H} Z`;
}

/** The incident markers, redrawn only when they or the period change (not with every playhead move). */
const Markers = memo(function Markers({
  markers,
  from,
  span,
  focus,
  controller,
}: {
  markers: readonly Marker[];
  from: number;
  span: number;
  focus: string | undefined;
  controller: ReplayController;
}) {
  const i = useI18n();
  return (
    <>
      {markers.map((m) => (
        <button
          type="button"
          key={m.id}
          className={`replay-marker${m.id === focus ? ' focus' : ''}`}
          style={{
            left: `${(((m.at - from) / span) * 100).toFixed(3)}%`,
            background: PRIORITY_COLORS[m.priority],
          }}
          title={i.t('replay.marker', {
            number: m.number,
            type: i.t(`callType.${m.type}`),
            time: i.time(m.opened),
          })}
          data-testid="replay-marker"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={() => controller.seek(m.at + CALL_SETTLE_MS)}
        />
      ))}
    </>
  );
});

export function ReplayTimeline({ controller }: { controller: ReplayController }) {
  const i = useI18n();
  const from = useReplay((s) => s.from);
  const to = useReplay((s) => s.to);
  const t = useReplay((s) => s.t);
  const markers = useReplay((s) => s.markers);
  const activity = useReplay((s) => s.activity);
  const focus = useReplay((s) => s.focus?.incidentId);
  const spark = useMemo(() => sparklinePath(activity), [activity]);
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const span = Math.max(1, to - from);
  const pct = (ms: number) => `${(((ms - from) / span) * 100).toFixed(3)}%`;

  const timeAt = (clientX: number): number => {
    const r = track.current?.getBoundingClientRect();
    if (!r || r.width === 0) return t;
    return from + Math.min(1, Math.max(0, (clientX - r.left) / r.width)) * span;
  };
  const down = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    controller.seek(timeAt(e.clientX), { exact: false });
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) controller.seek(timeAt(e.clientX), { exact: false });
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    controller.seek(timeAt(e.clientX), { exact: true });
  };

  return (
    <div className="replay-timeline-wrap">
      <span className="replay-edge">{i.dateTime(from)}</span>
      <div
        ref={track}
        className="replay-track"
        role="slider"
        tabIndex={0}
        aria-label={i.t('replay.timeline')}
        aria-valuemin={from}
        aria-valuemax={to}
        aria-valuenow={Math.round(t)}
        aria-valuetext={i.t('replay.playhead', { time: i.dateTime(t) })}
        data-testid="replay-timeline"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        <svg className="replay-spark" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden>
          <path d={spark} />
        </svg>
        <Markers markers={markers} from={from} span={span} focus={focus} controller={controller} />
        <div className="replay-playhead" style={{ left: pct(t) }} />
      </div>
      <span className="replay-edge">{i.dateTime(to)}</span>
    </div>
  );
}
