/**
 * The replay view (`/?mode=replay&…`, its own window in Electron): the dashboard's map and panels
 * showing the picture at the playhead, fed by the replay driver instead of the live connection,
 * with the period chooser on top and the timeline below. No operator actions, no alarm sound.
 * main.tsx attaches the controller as the page's picture source and hands in the dashboard's
 * workspace, which the replay view wraps rather than imports (it sits below the app in the layout).
 */
import { useEffect, type ComponentType, type ReactNode } from 'react';
import { SearchBox } from '../components/search/SearchBox.tsx';
import { FilterBar } from '../components/filters/FilterBar.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { useSettings } from '../stores/settingsStore.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { ReplayController } from './controller.ts';
import { ReplayBar } from './ReplayBar.tsx';
import { ReplayControls } from './ReplayControls.tsx';
import { ReplayTimeline } from './ReplayTimeline.tsx';
import { ReplayProblems } from './ReplayProblems.tsx';
import { ReplayFocusLayer } from './ReplayFocusLayer.tsx';
import { useReplayKeys } from './useReplayKeys.ts';
import { useReplay } from './replayStore.ts';
import '../styles/theme.css';
import '../styles/layout.css';
import '../styles/lists.css';
import '../styles/kpi.css';
import '../styles/topbar.css';
import '../styles/dialogs.css';
import '../styles/heatmap.css';
import '../styles/replay.css';

/** The dashboard's map and panels, with the replay's own parts in its slots. */
export type WorkspaceView = ComponentType<{ underSymbols?: ReactNode; aboveBottom?: ReactNode }>;

export function ReplayApp({
  serverUrl,
  search,
  controller,
  Workspace,
}: {
  serverUrl: string;
  search: string;
  controller: ReplayController;
  Workspace: WorkspaceView;
}) {
  const { t, lang } = useI18n();
  const theme = useSettings((s) => s.theme);
  const problems = useReplay((s) => s.problems.length > 0);
  const focusNumber = useReplay((s) => s.markers.find((m) => m.id === s.focus?.incidentId)?.number);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('app.title')} – ${t('replay.title')}`;
  }, [lang, t]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    void controller.start(search);
    return () => controller.dispose();
  }, [controller, search]);
  useReplayKeys(controller);

  return (
    <div className={`app replay-app theme-${theme}`} data-testid="replay-app">
      <header className="topbar">
        <h1>
          {t('app.title')} <span className="replay-badge">{t('replay.badge')}</span>
        </h1>
        {focusNumber && (
          <span className="replay-focus-name">{t('replay.incident', { number: focusNumber })}</span>
        )}
        <ReplayBar controller={controller} serverUrl={serverUrl} />
        <SearchBox />
        <FilterBar />
      </header>
      {problems ? (
        <ReplayProblems />
      ) : (
        <Workspace
          underSymbols={<ReplayFocusLayer />}
          aboveBottom={
            <footer className="replay-footer">
              <ReplayControls controller={controller} />
              <ReplayTimeline controller={controller} />
            </footer>
          }
        />
      )}
      <Toasts />
    </div>
  );
}
