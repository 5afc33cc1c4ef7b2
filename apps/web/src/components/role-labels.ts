import { ORGANIZATION_ROLES, WORKSPACE_ROLES } from '#domain/roles';
import type { TFunction } from 'i18next';
import type { OrganizationRole, WorkspaceRole } from '../api/types';

export function workspaceRoleLabel(role: WorkspaceRole, t: TFunction): string {
  return t(`roles.workspace.${role}`);
}

export function organizationRoleLabel(role: OrganizationRole, t: TFunction): string {
  return t(`roles.organization.${role}`);
}

export function isOrganizationRole(role: string): role is OrganizationRole {
  return (ORGANIZATION_ROLES as readonly string[]).includes(role);
}

export function roleLabel(role: WorkspaceRole | OrganizationRole, t: TFunction): string {
  return isOrganizationRole(role) ? organizationRoleLabel(role, t) : workspaceRoleLabel(role, t);
}

export function workspaceRoleOptions(t: TFunction) {
  return WORKSPACE_ROLES.map((role) => ({ value: role, label: workspaceRoleLabel(role, t) }));
}

export function organizationRoleOptions(t: TFunction) {
  return ORGANIZATION_ROLES.map((role) => ({ value: role, label: organizationRoleLabel(role, t) }));
}
