import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authApi } from '../../api/auth-api';
import { ApiError } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Session } from '../../api/types';
import { setLocale } from '../../app/i18n/i18n';

/** The signed-in session, or null when signed out (the API answers 401). */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        return await authApi.session(signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The session below the session guard, where it is known to exist. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession used outside the session guard');
  return data;
}

// Set between an explicit logout and the next login, so the session guard sends to /login without
// a "come back to" URL. A module variable, not state: it must be right during the very render
// that sees the session gone.
let signedOutOnPurpose = false;

export function isSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

/** After logging in or accepting an invitation: store the session, speak the user's language. */
export async function startSession(queryClient: QueryClient, session: Session): Promise<void> {
  signedOutOnPurpose = false;
  queryClient.setQueryData(queryKeys.session, session);
  await setLocale(session.user.locale);
}

/** Logs out; the session guard then shows the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await authApi.logout();
      } catch (error) {
        // Already signed out on the server: the goal is reached.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      signedOutOnPurpose = true;
      queryClient.setQueryData(queryKeys.session, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
    },
  });
}

const LAST_WORKSPACE_KEY = 'regards.workspace';

export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(LAST_WORKSPACE_KEY, workspaceId);
  } catch {
    // Not remembering is harmless.
  }
}

/** Where a signed-in user lands: the last network visited, else the first, else the "no network" page. */
export function homePath(session: Session): string {
  let last: string | null = null;
  try {
    last = localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    last = null;
  }
  const workspace = session.workspaces.find((w) => w.id === last) ?? session.workspaces[0];
  return workspace ? `/w/${workspace.id}/organizations` : '/no-workspace';
}

/** Only same-app paths are followed after login (no open redirect). */
export function safeNext(next: string | null): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next === '/login' || next.startsWith('/login?')) return undefined;
  return next;
}
