import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { OrganizationRole, WorkspaceRole } from '#domain';

export const ACCESS_KEY = 'regards:access';
export const SCOPE_KEY = 'regards:scope';

/**
 * Who may call a route under /workspaces/:workspaceId.
 * - `workspaceRole`: the least workspace role required of network members.
 * - `organizationRoles`: organization members with one of these roles may call it, for their
 *   own organization only (the route must have :organizationId), or, with
 *   `organizationListing`, a workspace-level route whose service filters to their organizations.
 * Anyone else gets 404, so existence does not leak.
 */
export interface AccessRule {
  workspaceRole: WorkspaceRole;
  organizationRoles?: OrganizationRole[];
  organizationListing?: boolean;
}

export type RouteScope = 'public' | 'user' | 'workspace';

/** A tenant route; the rule is also published in the OpenAPI document as `x-regards-access`. */
export function Access(rule: AccessRule): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, rule),
    SetMetadata(SCOPE_KEY, 'workspace'),
    ApiExtension('x-regards-scope', 'workspace'),
    ApiExtension('x-regards-access', rule),
  );
}

/** Open to anyone (login, health, invitation preview). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(SCOPE_KEY, 'public'), ApiExtension('x-regards-scope', 'public'));
}

/** Any logged-in user, about themselves (their account, their workspaces). */
export function UserScope(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(SCOPE_KEY, 'user'), ApiExtension('x-regards-scope', 'user'));
}
