import { useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { isSignedOutOnPurpose, useSession } from '../../features/auth/use-session';

/** Renders its routes only with a session; otherwise sends to /login with the wanted URL. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  const hadSession = useRef(false);

  useEffect(() => {
    if (session.data) hadSession.current = true;
  }, [session.data]);

  if (session.isPending) return <PageLoader />;
  if (session.isError) {
    return (
      <main style={{ padding: 24 }}>
        <QueryError error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (!session.data) {
    if (isSignedOutOnPurpose()) return <Navigate to="/login" replace />;
    const wanted = `${location.pathname}${location.search}`;
    const next = wanted === '/' ? '' : `?next=${encodeURIComponent(wanted)}`;
    return <Navigate to={`/login${next}`} replace state={{ expired: hadSession.current }} />;
  }
  return <Outlet />;
}
