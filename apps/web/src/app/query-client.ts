import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { queryKeys } from '../api/query-keys';

function onUnauthenticated(error: unknown): void {
  // A 401 anywhere means the session is gone: the session guard then sends to /login and keeps
  // the current URL to come back to. Wrong credentials on the login form are not a lost session.
  if (error instanceof ApiError && error.status === 401 && error.code !== 'invalid-credentials') {
    queryClient.setQueryData(queryKeys.session, null);
  }
}

const queryCache = new QueryCache();
// Cleared while the failed query's own update is announced (QueryCache's onError runs after it):
// both reach React in one render, so the session guard redirects before a page below it
// re-renders for the failure and finds no session.
queryCache.subscribe((event) => {
  if (event.type === 'updated' && event.action.type === 'error') onUnauthenticated(event.action.error);
});

export const queryClient = new QueryClient({
  queryCache,
  mutationCache: new MutationCache({ onError: onUnauthenticated }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) =>
        failureCount < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});
