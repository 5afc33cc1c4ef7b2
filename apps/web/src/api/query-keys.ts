/** Every react-query key in one place, so invalidations cannot drift from the queries. */
export const queryKeys = {
  session: ['session'] as const,
  workspaceMembers: (workspaceId: string) => ['workspaces', workspaceId, 'members'] as const,
  workspaceInvitations: (workspaceId: string) => ['workspaces', workspaceId, 'invitations'] as const,
  organizations: (workspaceId: string) => ['workspaces', workspaceId, 'organizations'] as const,
  organization: (workspaceId: string, organizationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId] as const,
  organizationMembers: (workspaceId: string, organizationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId, 'members'] as const,
  organizationInvitations: (workspaceId: string, organizationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId, 'invitations'] as const,
  frameworks: (workspaceId: string) => ['workspaces', workspaceId, 'frameworks'] as const,
  framework: (workspaceId: string, frameworkId: string) => ['workspaces', workspaceId, 'frameworks', frameworkId] as const,
  frameworkVersion: (workspaceId: string, frameworkId: string, versionId: string) =>
    ['workspaces', workspaceId, 'frameworks', frameworkId, 'versions', versionId] as const,
  commons: (workspaceId: string) => ['workspaces', workspaceId, 'commons'] as const,
  commonsFramework: (workspaceId: string, frameworkId: string) => ['workspaces', workspaceId, 'commons', frameworkId] as const,
  invitationPreview: (token: string) => ['invitations', token] as const,
};
