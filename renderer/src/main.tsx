import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { WallApp } from './wallWindow/WallApp.tsx';
import { isWallMode } from './wallControl/layouts.ts';
import { ReplayApp } from './replay/ReplayApp.tsx';
import { ReplayController } from './replay/controller.ts';
import { Workspace } from './Workspace.tsx';
import { isReplayMode } from './replay/params.ts';
import { detectPlatform } from './platform/platform.ts';
import { liveSource } from './connection/liveClient.ts';
import { attachSource } from './source/attach.ts';
import { connectionStore, setPresence } from './stores/connectionStore.ts';
import { debugHook } from './debug/debugHook.ts';
import { AuthGate } from './auth/AuthGate.tsx';
import { checkSession, whenSignedIn } from './auth/session.ts';
import { prefetchBasemap } from './basemap/early.ts';
import { settingsStore } from './stores/settingsStore.ts';
import { AuditView } from './admin/AuditView.tsx';
import { isAuditView } from './admin/view.ts';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
debugHook();
// `?mode=wall`: a read-only wall display; the server redacts what it sends to a wall view.
const wall = isWallMode(location.search);
const reactRoot = createRoot(root);

if (isReplayMode(location.search)) {
  // `?mode=replay`: the picture comes from the replay API, never from the live connection.
  const search = location.search;
  void detectPlatform()
    .then((platform) => {
      connectionStore.setState({ serverUrl: platform.serverUrl });
      // The replay is the page's picture source before anything renders: panels know the mode at once.
      const controller = new ReplayController(platform.serverUrl);
      attachSource(controller);
      reactRoot.render(
        <StrictMode>
          <AuthGate>
            <ReplayApp
              serverUrl={platform.serverUrl}
              search={search}
              controller={controller}
              Workspace={Workspace}
            />
          </AuthGate>
        </StrictMode>,
      );
      return checkSession(platform.serverUrl);
    })
    .catch((e: unknown) => setPresence('error', e instanceof Error ? e.message : String(e)));
} else if (isAuditView(location.search)) {
  // `?view=audit`: the audit log for admins; it needs no live connection.
  reactRoot.render(
    <StrictMode>
      <AuthGate>
        <AuditView onBack={() => location.assign(location.pathname)} />
      </AuthGate>
    </StrictMode>,
  );
  detectPlatform()
    .then((platform) => checkSession(platform.serverUrl))
    .catch((e: unknown) => setPresence('error', e instanceof Error ? e.message : String(e)));
} else {
  // Every mode needs a signed-in user: the login page shows until the server knows who we are.
  reactRoot.render(
    <StrictMode>
      <AuthGate>{wall ? <WallApp search={location.search} /> : <App />}</AuthGate>
    </StrictMode>,
  );
  detectPlatform()
    .then(async (platform) => {
      // The basemap's summary and style travel beside the session check (with a session both are
      // answered), so the map is created on the region's style at once (early.ts).
      const theme = settingsStore.getState().theme;
      prefetchBasemap(theme);
      await checkSession(platform.serverUrl);
      await whenSignedIn();
      // Signed in only now (the login page showed): the refused summary is asked for again.
      prefetchBasemap(theme);
      attachSource(liveSource(platform.serverUrl, wall ? { view: 'wall' } : {}));
    })
    .catch((e: unknown) => setPresence('error', e instanceof Error ? e.message : String(e)));
}
