import { api, segment } from './client';
import type { CreatedInvitation, Invitation, Workspace, WorkspaceMember, WorkspaceRole } from './types';

const base = (workspaceId: string) => `/workspaces/${segment(workspaceId)}`;

export const workspacesApi = {
  list: () => api.get<Workspace[]>('/workspaces'),
  get: (workspaceId: string) => api.get<Workspace>(base(workspaceId)),
  rename: (workspaceId: string, name: string) => api.patch<Workspace>(base(workspaceId), { name }),

  members: (workspaceId: string) => api.get<WorkspaceMember[]>(`${base(workspaceId)}/members`),
  changeMemberRole: (workspaceId: string, userId: string, role: WorkspaceRole) =>
    api.patch<WorkspaceMember>(`${base(workspaceId)}/members/${segment(userId)}`, { role }),
  removeMember: (workspaceId: string, userId: string) =>
    api.delete(`${base(workspaceId)}/members/${segment(userId)}`),
  /** Signs the member out on every device at once; their account and role stay. */
  endMemberSessions: (workspaceId: string, userId: string) =>
    api.delete<{ sessionsEnded: number }>(`${base(workspaceId)}/members/${segment(userId)}/sessions`),

  invitations: (workspaceId: string) => api.get<Invitation<WorkspaceRole>[]>(`${base(workspaceId)}/invitations`),
  invite: (workspaceId: string, body: { email: string; role: WorkspaceRole }) =>
    api.post<CreatedInvitation<WorkspaceRole>>(`${base(workspaceId)}/invitations`, body),
  revokeInvitation: (workspaceId: string, invitationId: string) =>
    api.delete(`${base(workspaceId)}/invitations/${segment(invitationId)}`),
};
