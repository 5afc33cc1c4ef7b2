import { useQuery } from '@tanstack/react-query';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';

export function useFrameworks(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.frameworks(workspaceId),
    queryFn: () => frameworksApi.list(workspaceId),
  });
}

export function useFramework(workspaceId: string, frameworkId: string) {
  return useQuery({
    queryKey: queryKeys.framework(workspaceId, frameworkId),
    queryFn: () => frameworksApi.get(workspaceId, frameworkId),
  });
}

export function useFrameworkVersion(workspaceId: string, frameworkId: string, versionId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.frameworkVersion(workspaceId, frameworkId, versionId ?? ''),
    queryFn: () => frameworksApi.version(workspaceId, frameworkId, versionId ?? ''),
    enabled: versionId !== undefined,
    // The editor owns the working copy; a background refetch must not replace it. Dropped once
    // the editor is left, so that opening it again starts from the server's latest copy.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useCommons(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.commons(workspaceId),
    queryFn: () => frameworksApi.commons(workspaceId),
    enabled,
  });
}

export function useCommonsFramework(workspaceId: string, frameworkId: string) {
  return useQuery({
    queryKey: queryKeys.commonsFramework(workspaceId, frameworkId),
    queryFn: () => frameworksApi.commonsVersion(workspaceId, frameworkId),
  });
}
