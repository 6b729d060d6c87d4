/**
 * Everything several nodes share besides the log, wired at start-up (docs/scale-out.md): users and
 * devices (sharedUsers.ts), sessions (sharedSessions.ts) and the basemap saved from a dashboard.
 * The audit chain and the datasets catalogue stay per node (docs/scale-out.md says why).
 */
import type { Auth } from '../security/auth.ts';
import type { BasemapRoutes } from '../basemap/serve.ts';
import { SharedBus } from './sharedBus.ts';
import { SharedSessions } from './sharedSessions.ts';
import { SharedUsers } from './sharedUsers.ts';
import type { PgLog } from '../store/pg/pgLog.ts';

export const BASEMAP_DOC = 'basemap';

export interface SharedState {
  /** The basemap was saved on this node: the others take it in. */
  basemapSaved(): void;
  /** Forgets expired sessions in PostgreSQL (run by one node at a time). */
  cleanSessions(): Promise<void>;
  close(): Promise<void>;
}

export async function shareState<T>(
  log: PgLog,
  auth: Auth,
  basemap: BasemapRoutes,
  options: { idleMs: number; pollMs?: number; report: (message: string) => void },
  ensureLocalUser: () => Promise<T>,
): Promise<{ state: SharedState; localUser: T }> {
  const { report } = options;
  const bus = new SharedBus(log, options.pollMs);
  bus.onError = report;
  const localUser = await new SharedUsers(bus, auth.users, report).join(ensureLocalUser);
  const sessions = new SharedSessions(bus, auth, options.idleMs, report);
  sessions.start();

  // The basemap: only a save on some node is shared (never a node's start-up default), and a
  // basemap taken in from another node is not shared back (that could undo a newer save).
  let adopting = 0;
  const current = () => JSON.stringify(basemap.runtime.config);
  const adopt = async (body: string) => {
    if (body === current()) return;
    adopting++;
    try {
      await basemap.adopt(JSON.parse(body));
    } catch (err) {
      report(
        `the basemap saved on another node cannot be used here, this node keeps its own: ${(err as Error).message}`,
      );
    } finally {
      adopting--;
    }
  };
  const stored = await bus.readDoc(BASEMAP_DOC);
  if (stored) await adopt(stored.body);
  bus.followDoc(BASEMAP_DOC, stored?.version ?? 0, (doc) => adopt(doc.body));
  bus.start();
  return {
    localUser,
    state: {
      basemapSaved: () => {
        if (adopting) return;
        const body = current();
        bus
          .updateDoc(BASEMAP_DOC, () => body)
          .catch((err: unknown) => {
            report(`the basemap saved here could not be shared: ${(err as Error).message}`);
          });
      },
      cleanSessions: () => sessions.clean(),
      close: () => bus.close(),
    },
  };
}
