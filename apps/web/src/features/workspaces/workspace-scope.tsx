import { useEffect } from 'react';
import { Outlet, useParams } from 'react-router';
import type { SessionWorkspace } from '../../api/types';
import { NotFoundContent } from '../../app/not-found-page';
import { rememberWorkspace, useCurrentSession } from '../auth/use-session';

function useWorkspaceFromUrl(): SessionWorkspace | undefined {
  const { workspaceId } = useParams();
  return useCurrentSession().workspaces.find((workspace) => workspace.id === workspaceId);
}

/** The routes under /w/:workspaceId; a network the user is not part of is "not found". */
export function WorkspaceScope() {
  const workspace = useWorkspaceFromUrl();
  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);
  return workspace ? <Outlet /> : <NotFoundContent />;
}

/** The current network, below WorkspaceScope. */
export function useCurrentWorkspace(): SessionWorkspace {
  const workspace = useWorkspaceFromUrl();
  if (!workspace) throw new Error('useCurrentWorkspace used outside WorkspaceScope');
  return workspace;
}

/** Only for networks where the user has a network role (not organization-only members). */
export function RequireWorkspaceRole() {
  const workspace = useCurrentWorkspace();
  return workspace.role ? <Outlet /> : <NotFoundContent />;
}
