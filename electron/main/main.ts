/**
 * Entry of the Electron main process: one instance, a server (embedded or remote), the hardened
 * session and window, and a clean stop of the embedded server when the app quits.
 */
import { join } from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { guardAllWebContents, hardenSession } from './hardening.ts';
import { ipcHandlers, registerIpcHandlers } from './ipc-handlers.ts';
import { startLocalServer, type LocalServer } from './local-server.ts';
import { createMainWindow } from './main-window.ts';
import { langFor, message } from './messages.ts';
import { chooseServer, firstReachable } from './server-url.ts';
import { readCredential, signIn } from './local-sign-in.ts';
import { claimSingleInstance } from './single-instance.ts';
import { WallManager } from './wall-windows.ts';
import { ReplayWindows } from './replay-window.ts';

// Tests and side-by-side installs point the app at their own folder; it also scopes the lock.
const userDataOverride = process.env.LAGEBILD_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', userDataOverride);

let mainWindow: BrowserWindow | null = null;
let walls: WallManager | null = null;
let replays: ReplayWindows | null = null;
let localServer: LocalServer | null = null;
let serverStopped = false;

async function fail(title: string, detail: string): Promise<void> {
  console.error(`Lagebild: ${title}\n${detail}`);
  dialog.showErrorBox(title, detail);
  await localServer?.stop();
  app.exit(1);
}

async function start(): Promise<void> {
  const lang = langFor(app.getLocale());
  const choice = chooseServer(process.env.LAGEBILD_SERVER_URL);
  if (choice.kind === 'invalid') {
    return fail(message(lang, 'serverFailedTitle'), `${message(lang, 'invalidServerUrl')}\n${choice.error}`);
  }
  let origin: string;
  if (choice.kind === 'remote') {
    // Several nodes: the window and its walls use the first that answers now.
    origin = await firstReachable(choice.origins);
  } else {
    try {
      localServer = await startLocalServer();
    } catch (error) {
      return fail(
        message(lang, 'serverFailedTitle'),
        `${message(lang, 'serverFailed')}\n\n${(error as Error).message}`,
      );
    }
    origin = localServer.origin;
  }
  hardenSession(session.defaultSession, origin);
  // The embedded server's local user signs in before the dashboard loads (walls share the session
  // and ask for the wall view). A remote server shows its login page instead.
  const credential = localServer ? readCredential(localServer.dataDir) : undefined;
  if (credential) {
    try {
      await session.defaultSession.cookies.set(await signIn(origin, credential));
    } catch (error) {
      console.error(`Lagebild: ${(error as Error).message}; the dashboard will ask to sign in`);
    }
  }
  guardAllWebContents(origin);
  const manager = new WallManager({
    origin,
    preloadPath: join(__dirname, 'preload.cjs'),
    devTools: !app.isPackaged,
    settingsFile: join(app.getPath('userData'), 'walls.json'),
  });
  walls = manager;
  replays = new ReplayWindows({
    origin,
    preloadPath: join(__dirname, 'preload.cjs'),
    devTools: !app.isPackaged,
  });
  registerIpcHandlers(origin, ipcHandlers(origin, choice.kind === 'embedded', manager, replays), (contents) =>
    manager.roleOf(contents),
  );
  Menu.setApplicationMenu(null);
  mainWindow = createMainWindow(`${origin}/`, lang);
  // Walls have no frame to close them by: closing the workstation closes them and ends the app.
  mainWindow.on('closed', () => {
    mainWindow = null;
    walls?.stop();
    replays?.closeAll();
  });
  manager.start(mainWindow);
}

if (!claimSingleInstance(() => mainWindow)) {
  app.quit();
} else {
  app.enableSandbox();
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the embedded server to close its event log cleanly.
  app.on('before-quit', (event) => {
    walls?.stop(); // no wall may reopen or restart while the app shuts down
    if (!localServer || serverStopped) return;
    event.preventDefault();
    void localServer.stop().finally(() => {
      serverStopped = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail('Lagebild', (error as Error).stack ?? String(error)));
}
