import { Navigate } from 'react-router';
import { homePath, useCurrentSession } from '../../features/auth/use-session';

export function HomeRedirect() {
  return <Navigate to={homePath(useCurrentSession())} replace />;
}
