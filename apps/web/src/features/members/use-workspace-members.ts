import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKeys } from '../../api/query-keys';
import { workspacesApi } from '../../api/workspaces-api';

export function useWorkspaceMembers(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.workspaceMembers(workspaceId),
    queryFn: () => workspacesApi.members(workspaceId),
  });
}

export function useWorkspaceInvitations(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.workspaceInvitations(workspaceId),
    queryFn: () => workspacesApi.invitations(workspaceId),
    enabled,
  });
}

export function useRefreshWorkspaceMembers(workspaceId: string) {
  const queryClient = useQueryClient();
  return {
    members: useCallback(
      () => void queryClient.invalidateQueries({ queryKey: queryKeys.workspaceMembers(workspaceId) }),
      [queryClient, workspaceId],
    ),
    invitations: useCallback(
      () => void queryClient.invalidateQueries({ queryKey: queryKeys.workspaceInvitations(workspaceId) }),
      [queryClient, workspaceId],
    ),
  };
}
