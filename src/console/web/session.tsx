import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from './api/client.ts';
import type { paths } from './api/openapi';
import { ApiError } from './api/problem.ts';

export type SessionView = paths['/api/v1/session']['get']['responses']['200']['content']['application/json'];
export type Membership = SessionView['memberships'][number];

export const SESSION_QUERY = ['session'] as const;

/** The signed-in user, their memberships and the CSRF token; `null` when nobody is signed in. */
export async function fetchSession(): Promise<SessionView | null> {
  try {
    const session = await unwrap(api.GET('/api/v1/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_QUERY, queryFn: fetchSession, staleTime: 60_000 });
}

/** After sign-in or sign-out: the session answer replaces what the console knew, and every other query goes. */
export function useSessionReset() {
  const queryClient = useQueryClient();
  return (session: SessionView | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY[0] });
    queryClient.setQueryData(SESSION_QUERY, session);
  };
}
