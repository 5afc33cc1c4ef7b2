import type { ClsStore } from 'nestjs-cls';
import type { OrganizationRole, WorkspaceRole } from '#domain';

/** What the request-scoped context carries, set by the guards, read by data access. */
export interface RequestScope extends ClsStore {
  user?: { id: string; email: string; isPlatformAdmin: boolean };
  session?: { id: string; csrfToken: string };
  ip?: string;
  tenant?: {
    workspaceId: string;
    /** null when the user reaches the workspace only as a member of some of its organizations */
    workspaceRole: WorkspaceRole | null;
    /** organizations the user is a member of in this workspace, with their role */
    organizationRoles: Record<string, OrganizationRole>;
  };
}
