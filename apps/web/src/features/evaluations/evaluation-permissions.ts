import { workspaceRoleAtLeast } from '#domain/roles';
import type { OrganizationRole, WorkspaceRole } from '../../api/types';
import { permissions } from '../workspaces/permissions';

const facilitator = (role: WorkspaceRole | null) => role !== null && workspaceRoleAtLeast(role, 'facilitator');

/**
 * What the evaluation screens offer to whom, beside the workspace-wide `permissions`. The API
 * decides; these only avoid showing controls it would refuse.
 */
export const evaluationPermissions = {
  /** Create an evaluation, run its collection, change its status and design. */
  manage: facilitator,
  /** The organization's contact co-designs a draft: its dimensions and its own questions. */
  coDesign: (role: WorkspaceRole | null, organizationRole: OrganizationRole | undefined) =>
    facilitator(role) || organizationRole === 'contact',
  /** Counts of answers per group: the network, and the organization's contact. */
  seeCounts: (role: WorkspaceRole | null, organizationRole: OrganizationRole | undefined) =>
    role !== null || organizationRole === 'contact',
  /** Submissions, links and exports may name people: the facilitator's only. */
  seeSubmissions: facilitator,
  /** Write the report and validate it: the network's facilitators and the organization's contact. */
  writeReport: (role: WorkspaceRole | null, organizationRole: OrganizationRole | undefined) =>
    facilitator(role) || organizationRole === 'contact',
  deleteDraft: (role: WorkspaceRole | null) => role === 'admin',
  /** The framework's own pages (titles of dimensions) are readable by the network only. */
  readFrameworks: (role: WorkspaceRole | null) => permissions.seeFrameworks(role),
};
