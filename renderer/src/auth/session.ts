/**
 * The signed-in user, as the server sees it (GET /api/v1/auth/me). The session itself is an
 * HttpOnly cookie the renderer never reads; this store only knows who it is and what it may do.
 * The server decides every request; hiding what a role cannot use is a convenience.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { z } from 'zod';
import { ROLES, can, type Permission } from '#shared/roles';

const meSchema = z.object({
  user: z.string(),
  kind: z.enum(['user', 'device']),
  roles: z.array(z.enum(ROLES)),
  districts: z.array(z.string()).nullable(),
});
export type Me = z.infer<typeof meSchema>;

/** Why the last sign-in failed: wrong credentials, too many attempts, or no answer. */
export type SignInFailure = 'wrong' | 'rateLimited' | 'unreachable' | 'failed';

export interface AuthState {
  status: 'checking' | 'signedOut' | 'signedIn';
  me: Me | null;
  failure: SignInFailure | null;
  /** With `rateLimited`: the seconds the server asks to wait (its Retry-After), when it said. */
  retryAfter: number | null;
  serverUrl: string;
}

export const authStore = createStore<AuthState>()(() => ({
  status: 'checking',
  me: null,
  failure: null,
  retryAfter: null,
  serverUrl: '',
}));
export const useAuth = <T>(select: (s: AuthState) => T): T => useStore(authStore, select);

/**
 * False when the signed-in user's roles lack the permission. Before anyone is known (the app only
 * renders after sign-in; components rendered alone in tests) nothing is hidden: the server decides.
 */
export const useCan = (permission: Permission): boolean =>
  useStore(authStore, (s) => !s.me || can(s.me.roles, permission));

const api = (path: string) => new URL(path, authStore.getState().serverUrl || location.origin).href;

/** Asks the server who we are; signed out on 401, and then the login page shows. */
export async function checkSession(serverUrl: string): Promise<void> {
  authStore.setState({ serverUrl, status: 'checking' });
  try {
    const res = await fetch(api('/api/v1/auth/me'), { credentials: 'include' });
    const me = res.ok ? meSchema.safeParse(await res.json()) : undefined;
    if (me?.success) authStore.setState({ status: 'signedIn', me: me.data, failure: null });
    else authStore.setState({ status: 'signedOut', me: null });
  } catch {
    authStore.setState({ status: 'signedOut', me: null, failure: 'unreachable' });
  }
}

export async function signIn(user: string, password: string): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(api('/api/v1/auth/login'), {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, password }),
    });
  } catch {
    authStore.setState({ failure: 'unreachable' });
    return false;
  }
  if (!res.ok) {
    const failure =
      res.status === 401 || res.status === 400 ? 'wrong' : res.status === 429 ? 'rateLimited' : 'failed';
    // The server's wait grows with each failure from this address (docs/security.md#rate-limits).
    const wait = Number(res.headers.get('retry-after'));
    authStore.setState({ failure, retryAfter: failure === 'rateLimited' && wait > 0 ? wait : null });
    return false;
  }
  const me = meSchema.safeParse(await res.json());
  if (!me.success) {
    authStore.setState({ failure: 'failed' });
    return false;
  }
  authStore.setState({ status: 'signedIn', me: me.data, failure: null });
  return true;
}

/** Ends the session on the server and starts over at the login page. */
export async function signOut(): Promise<void> {
  try {
    await fetch(api('/api/v1/auth/logout'), { method: 'POST', credentials: 'include' });
  } finally {
    location.reload();
  }
}

/** The live connection was refused as unauthorised: the session ended; show the login page. */
export function sessionLost(): void {
  authStore.setState({ status: 'signedOut', me: null, failure: null });
}

/** Resolves once signed in (at once when already). */
export function whenSignedIn(): Promise<Me> {
  const now = authStore.getState();
  if (now.status === 'signedIn' && now.me) return Promise.resolve(now.me);
  return new Promise((resolve) => {
    const stop = authStore.subscribe((s) => {
      if (s.status === 'signedIn' && s.me) {
        stop();
        resolve(s.me);
      }
    });
  });
}
