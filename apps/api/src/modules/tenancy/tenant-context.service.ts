import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { OrganizationRole, WorkspaceRole } from '#domain';
import type { RequestScope } from './request-scope.js';

/**
 * Scoped data access reads the tenant from here, never from a controller argument: every
 * query of a tenant-owned table filters on `workspaceId`, and on `organizationIds` for
 * organization members, taken from what the TenantGuard established for this request.
 */
@Injectable()
export class TenantContext {
  constructor(private readonly cls: ClsService<RequestScope>) {}

  get userId(): string {
    const user = this.cls.get('user');
    if (!user) throw new Error('TenantContext.userId read outside an authenticated request');
    return user.id;
  }

  get userIdOrNull(): string | null {
    return this.cls.isActive() ? (this.cls.get('user')?.id ?? null) : null;
  }

  get workspaceId(): string {
    const tenant = this.cls.get('tenant');
    if (!tenant) throw new Error('TenantContext.workspaceId read outside a workspace route');
    return tenant.workspaceId;
  }

  get workspaceIdOrNull(): string | null {
    return this.cls.isActive() ? (this.cls.get('tenant')?.workspaceId ?? null) : null;
  }

  get workspaceRole(): WorkspaceRole | null {
    return this.cls.get('tenant')?.workspaceRole ?? null;
  }

  /** null: every organization of the workspace; otherwise only these. */
  get organizationIds(): string[] | null {
    const tenant = this.cls.get('tenant');
    if (!tenant) throw new Error('TenantContext.organizationIds read outside a workspace route');
    return tenant.workspaceRole ? null : Object.keys(tenant.organizationRoles);
  }

  organizationRole(organizationId: string): OrganizationRole | null {
    return this.cls.get('tenant')?.organizationRoles[organizationId] ?? null;
  }

  /** Adds the workspace to a TypeORM `where`: the one way services query tenant tables. */
  where<T extends object>(criteria: T): T & { workspaceId: string } {
    return { ...criteria, workspaceId: this.workspaceId };
  }
}
