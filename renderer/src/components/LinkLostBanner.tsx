/**
 * The workstation's lost-server banner: amber across the top with the data age, counting on while the
 * picture below stands still. Shown while connection/linkWatch.ts finds the link lost.
 */
import { useI18n, type I18n } from '../i18n/i18n.ts';
import { linkStore, useLink, type LinkState } from '../connection/linkWatch.ts';

export function linkLostText(s: LinkState, i: I18n): string | null {
  if (!s.lost) return null;
  const time = s.asOf === null ? '–' : i.time(s.asOf);
  const age = s.ageMs === null ? '–' : i.duration(s.ageMs);
  return i.t(s.reason === 'silent' ? 'link.silent' : 'link.lost', { time, age });
}

/** Why operator actions are disabled right now, or null when they are not. */
export function actionBlockReason(s: LinkState, i: I18n): string | null {
  if (!s.lost) return null;
  return i.t('link.blocked', { time: s.asOf === null ? '–' : i.time(s.asOf) });
}

/** For buttons: the reason they are disabled (as their title), or null. */
export function useActionBlock(): string | null {
  const i = useI18n();
  const lost = useLink((s) => s.lost);
  const asOf = useLink((s) => s.asOf);
  return lost ? actionBlockReason({ ...linkStore.getState(), lost, asOf }, i) : null;
}

export function LinkLostBanner() {
  const i = useI18n();
  // The age changes every check: only this banner re-renders for it.
  const state = useLink((s) => s);
  const text = linkLostText(state, i);
  if (!text) return null;
  return (
    <div className="link-lost-banner" role="alert" data-testid="link-lost-banner" data-reason={state.reason}>
      <strong>{text}</strong>
      <span>{actionBlockReason(state, i)}</span>
    </div>
  );
}
