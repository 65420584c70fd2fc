import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiProblem, CSRF_COOKIE, onUnauthorized, readCookie, unwrap, type Schemas } from '../api/client';
import { useApi } from '../api/context';
import { can, type Capability } from './permissions';

export type AdminUser = Schemas['AdminUser'];

export type SessionState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason: 'none' | 'expired' | 'signed-out' }
  | { kind: 'signed-in'; user: AdminUser };

export interface Session {
  state: SessionState;
  user: AdminUser | null;
  signIn(username: string, password: string): Promise<AdminUser>;
  signOut(): Promise<void>;
  /** Reads the signed-in user again (after a password change). */
  refresh(): Promise<void>;
  can(capability: Capability): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: SessionState }) {
  const api = useApi();
  const [state, setState] = useState<SessionState>(initial ?? { kind: 'checking' });

  const refresh = useCallback(async () => {
    try {
      const user = await unwrap(api.GET('/api/v1/admin/me'));
      setState({ kind: 'signed-in', user });
    } catch (e) {
      if (e instanceof ApiProblem && (e.status === 401 || e.status === 403)) {
        setState({ kind: 'signed-out', reason: 'none' });
      } else {
        throw e;
      }
    }
  }, [api]);

  useEffect(() => {
    if (initial) return;
    // The server keeps the CSRF cookie exactly while a console session lives: without it
    // there is no session to ask about (and no 401 to log in the browser's console).
    if (readCookie(CSRF_COOKIE) === null) {
      setState({ kind: 'signed-out', reason: 'none' });
      return;
    }
    refresh().catch(() => setState({ kind: 'signed-out', reason: 'none' }));
  }, [refresh, initial]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((current) => (current.kind === 'signed-in' ? { kind: 'signed-out', reason: 'expired' } : current)),
      ),
    [],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const user = await unwrap(api.POST('/api/v1/admin/session', { body: { username, password } }));
      setState({ kind: 'signed-in', user });
      return user;
    },
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(api.DELETE('/api/v1/admin/session'));
    } finally {
      setState({ kind: 'signed-out', reason: 'signed-out' });
    }
  }, [api]);

  const value = useMemo<Session>(() => {
    const user = state.kind === 'signed-in' ? state.user : null;
    return { state, user, signIn, signOut, refresh, can: (capability) => can(user?.role, capability) };
  }, [state, signIn, signOut, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Shows its children only to a role that has the capability: the console shows no action that would fail. */
export function Can({ capability, children }: { capability: Capability; children: ReactNode }) {
  const session = useSession();
  return session.can(capability) ? <>{children}</> : null;
}
