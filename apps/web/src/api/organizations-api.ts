import { api, segment } from './client';
import type {
  CreatedInvitation,
  Invitation,
  Organization,
  OrganizationInput,
  OrganizationMember,
  OrganizationRole,
} from './types';

const list = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/organizations`;
const one = (workspaceId: string, organizationId: string) => `${list(workspaceId)}/${segment(organizationId)}`;

export const organizationsApi = {
  list: (workspaceId: string) => api.get<Organization[]>(list(workspaceId)),
  create: (workspaceId: string, body: OrganizationInput) => api.post<Organization>(list(workspaceId), body),
  get: (workspaceId: string, organizationId: string) => api.get<Organization>(one(workspaceId, organizationId)),
  update: (workspaceId: string, organizationId: string, body: Partial<OrganizationInput>) =>
    api.patch<Organization>(one(workspaceId, organizationId), body),
  remove: (workspaceId: string, organizationId: string) => api.delete(one(workspaceId, organizationId)),

  members: (workspaceId: string, organizationId: string) =>
    api.get<OrganizationMember[]>(`${one(workspaceId, organizationId)}/members`),
  changeMemberRole: (workspaceId: string, organizationId: string, userId: string, role: OrganizationRole) =>
    api.patch<OrganizationMember>(`${one(workspaceId, organizationId)}/members/${segment(userId)}`, { role }),
  removeMember: (workspaceId: string, organizationId: string, userId: string) =>
    api.delete(`${one(workspaceId, organizationId)}/members/${segment(userId)}`),

  invitations: (workspaceId: string, organizationId: string) =>
    api.get<Invitation<OrganizationRole>[]>(`${one(workspaceId, organizationId)}/invitations`),
  invite: (workspaceId: string, organizationId: string, body: { email: string; role: OrganizationRole }) =>
    api.post<CreatedInvitation<OrganizationRole>>(`${one(workspaceId, organizationId)}/invitations`, body),
  revokeInvitation: (workspaceId: string, organizationId: string, invitationId: string) =>
    api.delete(`${one(workspaceId, organizationId)}/invitations/${segment(invitationId)}`),
};
