import { workspaceRoleAtLeast } from '#domain/roles';
import type { OrganizationRole, SessionWorkspace, WorkspaceRole } from '../../api/types';

/**
 * What the interface offers to whom. The API decides; these only avoid showing controls that
 * would be refused.
 */
export const permissions = {
  createOrganization: (role: WorkspaceRole | null) => role !== null && workspaceRoleAtLeast(role, 'facilitator'),
  seeWorkspaceMembers: (role: WorkspaceRole | null) => role !== null,
  manageWorkspaceMembers: (role: WorkspaceRole | null) => role === 'admin',
  deleteOrganization: (role: WorkspaceRole | null) => role === 'admin',
  /** Edit an organization's details and manage its members and invitations. */
  manageOrganization: (role: WorkspaceRole | null, organizationRole: OrganizationRole | undefined) =>
    (role !== null && workspaceRoleAtLeast(role, 'facilitator')) || organizationRole === 'contact',
  seeFrameworks: (role: WorkspaceRole | null) => role !== null,
  /** Create, import, edit, publish and fork frameworks. */
  editFrameworks: (role: WorkspaceRole | null) => role !== null && workspaceRoleAtLeast(role, 'facilitator'),
  /** Delete frameworks and share them in the commons. */
  manageFrameworks: (role: WorkspaceRole | null) => role === 'admin',
  seeOrganizationMembers: (role: WorkspaceRole | null, organizationRole: OrganizationRole | undefined) =>
    role !== null || organizationRole === 'contact',
};

export function organizationRoleIn(workspace: SessionWorkspace, organizationId: string): OrganizationRole | undefined {
  return workspace.organizations.find((organization) => organization.id === organizationId)?.role;
}
