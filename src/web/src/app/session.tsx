import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { Me } from '../../../contract/index.js';
import { api } from '../client/endpoints.js';
import { ApiError, setCsrfToken } from '../client/http.js';

export type Principal = z.infer<typeof Me>;

export interface Session {
  /** undefined while the first /api/auth/me is in flight. */
  readonly me: Principal | undefined;
  /** An instance started with --public-read-only: reads without sign-in, no sign-in offered. */
  readonly publicReadOnly: boolean;
  readonly signedIn: boolean;
  login(user: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Re-read who we are (e.g. after a 401: the session expired). */
  refresh(): Promise<void>;
}

const Ctx = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside <SessionProvider>');
  return s;
}

/** Whether an anonymous caller may read: true only on a --public-read-only instance. */
async function probePublic(): Promise<boolean> {
  try {
    await api.incidents({ limit: 1 });
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return false;
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Principal | undefined>(undefined);
  const [publicReadOnly, setPublic] = useState(false);

  const refresh = useCallback(async () => {
    const { csrfToken, ...m } = await api.me();
    // A signed-in session gets its CSRF token back here, so a reloaded page can still write.
    setCsrfToken(csrfToken);
    if (m.role === 'anonymous') setPublic(await probePublic());
    else setPublic(false);
    setMe(m);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (user: string, password: string) => {
    const r = await api.login(user, password);
    setCsrfToken(r.csrfToken);
    setMe({ user: r.user, role: r.role, via: r.via, can: r.can });
    setPublic(false);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(undefined);
      await refresh();
    }
  }, [refresh]);

  const value = useMemo<Session>(
    () => ({
      me,
      publicReadOnly,
      signedIn: me !== undefined && me.role !== 'anonymous',
      login,
      logout,
      refresh,
    }),
    [me, publicReadOnly, login, logout, refresh],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
