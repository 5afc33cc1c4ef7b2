/** Roles of a user in a workspace (a support network). */
export const WORKSPACE_ROLES = ['admin', 'facilitator', 'viewer'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** Roles of a user in one organization supported by the network. */
export const ORGANIZATION_ROLES = ['contact', 'board'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

const RANK: Record<WorkspaceRole, number> = { viewer: 1, facilitator: 2, admin: 3 };

/** True when `role` grants at least what `required` grants. */
export function workspaceRoleAtLeast(role: WorkspaceRole, required: WorkspaceRole): boolean {
  return RANK[role] >= RANK[required];
}
