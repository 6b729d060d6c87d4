/**
 * The only code that touches socket.io-client. Connects to the live namespace, resumes with the
 * last seq it holds after every reconnect (auth callback: evaluated on each attempt), asks for a
 * resync on a gap, reloads the basemap when the server says it changed, and reports presence. The
 * picture and the presence go through the feed it is given (liveSource: the live PictureSource).
 * Given several servers (nodes of one cluster), it moves on to the next when one fails.
 */
import { LIVE_NAMESPACE } from '#shared/wire';
import { pictureStore } from '../stores/pictureStore.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import type { PictureFeed, PictureSource } from '../source/pictureSource.ts';
import { LIVE_CAPABILITIES } from '../stores/sourceStore.ts';
import {
  receiveBasemapChanged,
  receiveBatch,
  receiveCheckedBatch,
  receiveSnapshot,
  type FeedOutcome,
} from './feed.ts';
import { setCommandChannel } from './commands.ts';
import { coalescingFeed } from './coalesce.ts';
import { openLiveSocket, type LiveSocketHandle } from './workerSocket.ts';
import { authStore, sessionLost } from '../auth/session.ts';
import { ServerRotation } from '#shared/serverList';

type LiveSocket = LiveSocketHandle;

/** Ask again for the same seq only after this long: the first answer may still be on its way. */
const RESYNC_RETRY_MS = 2_000;
/** A server that answered "unavailable" is asked again after this long. */
const UNAVAILABLE_RETRY_MS = 2_000;

export interface LiveClient {
  close(): void;
  /** For tests and the debug hook: the underlying socket id, if connected. */
  socketId(): string | undefined;
}

export interface LiveOptions {
  /** 'wall': a read-only view the server redacts (no personal data, no handheld positions). */
  view?: 'wall';
  /** A session token instead of the browser's session cookie (a client outside a browser: tests). */
  token?: string;
}

/**
 * `serverUrls`: one server, or several nodes of one cluster (docs/scale-out.md). With several, a
 * server that cannot be reached, refuses for now or closes the feed is left for the next one
 * (ServerRotation), and the picture resumes there from its own seq: no fresh picture, no gap.
 */
export function connectLive(
  serverUrls: string | readonly string[],
  options: LiveOptions,
  target: PictureFeed,
): LiveClient {
  // Positions are folded together, not batch by batch: a busy page must still answer the heartbeat.
  const feed = coalescingFeed(target);
  const rotation = new ServerRotation(typeof serverUrls === 'string' ? [serverUrls] : serverUrls);
  // One server: Socket.IO's own reconnection, as before. Several: this client picks the next one.
  const several = rotation.origins.length > 1;
  const setPresence: PictureFeed['presence'] = (presence, error) => feed.presence(presence, error);
  connectionStore.setState({ serverUrl: rotation.current });
  setPresence('connecting');
  let everConnected = false;
  let lastResync = { seq: -1, at: 0 };
  let closed = false;
  let moving: ReturnType<typeof setTimeout> | undefined;
  let socket = open(rotation.current);

  /** Leaves the current server for the next one of the list (several servers only). */
  function moveOn(reason: string): void {
    if (closed || moving !== undefined) return;
    const { origin, delayMs } = rotation.failed();
    setPresence(everConnected ? 'reconnecting' : 'connecting', reason);
    socket.removeAllListeners();
    socket.close();
    moving = setTimeout(() => {
      moving = undefined;
      if (closed) return;
      connectionStore.setState({ serverUrl: origin });
      socket = open(origin);
    }, delayMs);
  }

  function open(origin: string): LiveSocket {
    const s: LiveSocket = openLiveSocket(new URL(LIVE_NAMESPACE, origin).href, {
      auth: (cb) => {
        // Resume from everything received, not only from what was folded so far.
        feed.flush();
        const { loaded, picture } = pictureStore.getState();
        const view = {
          ...(options.view ? { view: options.view } : {}),
          ...(options.token ? { token: options.token } : {}),
        };
        cb(loaded ? { lastSeq: picture.seq, ...view } : view);
      },
      reconnection: !several,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3_000,
      // A new manager per server: a cached one of a server left earlier must not be reused.
      forceNew: several,
    });
    wire(s);
    return s;
  }

  /** `again`: ask even if the same was asked just now (the worker dropped what may have answered it). */
  const resync = (seq: number | undefined, again = false) => {
    const now = Date.now();
    const key = seq ?? -1;
    if (!again && lastResync.seq === key && now - lastResync.at < RESYNC_RETRY_MS) return;
    lastResync = { seq: key, at: now };
    connectionStore.setState((s) => ({ resyncs: s.resyncs + 1 }));
    socket.emit('resync', seq);
  };
  const handle = (outcome: FeedOutcome) => {
    if (outcome.kind === 'gap') resync(outcome.seq);
  };
  /** The worker dropped batches this page did not take in time: ask again from what it holds. */
  const caughtUp = () => {
    const { loaded, picture } = pictureStore.getState();
    resync(loaded ? (feed.heldSeq() ?? picture.seq) : undefined, true);
  };

  /** The session is gone: show the sign-in, then connect again once signed in. */
  let signedOut = false;
  const reconnectAfterSignIn = () => {
    sessionLost();
    const stop = authStore.subscribe((s) => {
      if (s.status !== 'signedIn') return;
      stop();
      signedOut = false;
      socket.connect();
    });
  };

  function wire(socket: LiveSocket): void {
    socket.on('connect', () => {
      everConnected = true;
      rotation.succeeded();
      setPresence('live');
    });
    socket.on('signedOut', () => {
      signedOut = true;
      setPresence('error', 'signed out');
      reconnectAfterSignIn();
    });
    socket.on('disconnect', (why) => {
      const reason = String(why);
      // A client-side close is deliberate, and so is the server's after it said the session ended.
      // The manager retries everything else except a server-side disconnect, which we retry
      // ourselves: a restarting server must find its dashboards again.
      if (reason === 'io client disconnect' || signedOut) return setPresence('error', reason);
      if (several) return moveOn(reason);
      setPresence('reconnecting', reason);
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500);
    });
    socket.on('connect_error', (e) => {
      const err = e as Error & { data?: unknown };
      // The server refused the handshake: the session ended (logout, expiry). Sign in again, then
      // connect again (a middleware refusal is not retried by the client).
      if (isUnauthorized(err)) {
        setPresence('error', err.message);
        reconnectAfterSignIn();
        return;
      }
      // Several servers: any other failure (unreachable, or "unavailable": its database cut off)
      // is a reason to try the next node, which may well serve a current picture.
      if (several) return moveOn(err.message);
      // A server that cannot serve a current picture now (its database unreachable, a full disk):
      // the picture stays, marked stale by linkWatch, and the handshake is tried again (Socket.IO
      // does not retry a refusal by a middleware by itself).
      if (isUnavailable(err)) {
        setPresence(everConnected ? 'reconnecting' : 'connecting', err.message);
        setTimeout(() => !signedOut && !socket.connected && socket.connect(), UNAVAILABLE_RETRY_MS);
        return;
      }
      if (!socket.active) setPresence('error', err.message);
      else setPresence(everConnected ? 'reconnecting' : 'connecting', err.message);
    });
    // Data age counts from when the socket got it (in its worker), not from when this thread could look.
    socket.on('snapshot', (msg) => handle(receiveSnapshot(msg, socket.receivedAt, feed)));
    // Batches come checked and decoded from the socket's side (workerCore.ts listen()); one that
    // failed the check comes as it was sent and is reported as invalid here.
    socket.onBatch((batch) => handle(receiveCheckedBatch(batch, socket.receivedAt, feed)));
    socket.on('batch', (batch) => handle(receiveBatch(batch, socket.receivedAt, feed)));
    // The basemap was changed in a dashboard's settings: this one's maps switch too.
    socket.on('basemapChanged', (msg) => void receiveBasemapChanged(msg));
    socket.onOverflow(() => caughtUp());
  }

  setCommandChannel({
    connected: () => socket.connected,
    send: (cmd, timeoutMs) => socket.call('command', cmd, timeoutMs),
  });

  return {
    close: () => {
      closed = true;
      clearTimeout(moving);
      feed.close();
      setCommandChannel(null);
      socket.close();
    },
    socketId: () => socket.id,
  };
}

/** The live connection as the page's picture source: no seeking, no speed; it delivers as it happens. */
export function liveSource(
  serverUrls: string | readonly string[],
  options: LiveOptions = {},
): PictureSource & LiveClient {
  let client: LiveClient | null = null;
  return {
    kind: 'live',
    capabilities: LIVE_CAPABILITIES,
    listen: (feed) => {
      client?.close();
      client = connectLive(serverUrls, options, feed);
    },
    close: () => {
      client?.close();
      client = null;
    },
    socketId: () => client?.socketId(),
  };
}

/** A handshake refused for now ("unavailable: …", status 503): worth trying again. */
export function isUnavailable(err: Error & { data?: unknown }): boolean {
  const status = (err.data as { status?: unknown } | undefined)?.status;
  return status === 503 || /^unavailable:/i.test(err.message);
}

/** A handshake refused for want of a session ("unauthorized: …", status 401). */
export function isUnauthorized(err: Error & { data?: unknown }): boolean {
  const status = (err.data as { status?: unknown } | undefined)?.status;
  return status === 401 || /^unauthori[sz]ed/i.test(err.message);
}
