import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, use } from 'react';
import { setCsrfToken } from '../api/client';
import { fetchSession, login, logout } from '../api/endpoints';
import type { Permission, Session, User } from '../api/types';

export const SESSION_KEY = ['session'] as const;

/**
 * Drops everything cached for the previous user except the session query
 * itself, whose observers must see it change (to null or the new user).
 */
export function clearUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

// Set when the server refused a call because the session ended, so the
// sign-in page can say why the user is back there. Cleared on sign-in.
let sessionExpired = false;

export function sessionHasExpired(): boolean {
  return sessionExpired;
}

/** Wired to the API client: any unexpected 401 ends the local session. */
export function endExpiredSession(queryClient: QueryClient): void {
  sessionExpired = true;
  setCsrfToken(null);
  clearUserData(queryClient);
  queryClient.setQueryData(SESSION_KEY, null);
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await fetchSession();
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: Infinity,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, password }: { username: string; password: string }) =>
      login(username, password),
    onSuccess: (session: Session) => {
      sessionExpired = false;
      setCsrfToken(session.csrfToken);
      // A different user may have been signed in before; drop their cached data.
      clearUserData(queryClient);
      queryClient.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => logout(),
    // Signed out or not, the local session is over.
    onSettled: () => {
      sessionExpired = false;
      setCsrfToken(null);
      clearUserData(queryClient);
      queryClient.setQueryData(SESSION_KEY, null);
    },
  });
}

export const CurrentUserContext = createContext<User | null>(null);

/** The signed-in user; only valid inside the authenticated part of the app. */
export function useCurrentUser(): User {
  const user = use(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser used outside an authenticated route');
  return user;
}

export function hasPermission(user: User, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
