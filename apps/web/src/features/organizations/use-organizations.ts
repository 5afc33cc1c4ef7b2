import { useQuery } from '@tanstack/react-query';
import { organizationsApi } from '../../api/organizations-api';
import { queryKeys } from '../../api/query-keys';

export function useOrganizations(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.organizations(workspaceId),
    queryFn: () => organizationsApi.list(workspaceId),
  });
}

export function useOrganization(workspaceId: string, organizationId: string) {
  return useQuery({
    queryKey: queryKeys.organization(workspaceId, organizationId),
    queryFn: () => organizationsApi.get(workspaceId, organizationId),
  });
}

export function useOrganizationMembers(workspaceId: string, organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.organizationMembers(workspaceId, organizationId),
    queryFn: () => organizationsApi.members(workspaceId, organizationId),
    enabled,
  });
}

export function useOrganizationInvitations(workspaceId: string, organizationId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.organizationInvitations(workspaceId, organizationId),
    queryFn: () => organizationsApi.invitations(workspaceId, organizationId),
    enabled,
  });
}
