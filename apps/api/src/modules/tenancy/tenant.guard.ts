import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { workspaceRoleAtLeast, type OrganizationRole, type WorkspaceRole } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { ACCESS_KEY, SCOPE_KEY, type AccessRule, type RouteScope } from './access.decorator.js';
import type { RequestScope } from './request-scope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A route under :workspaceId without @Access() is for workspace admins only. */
const DEFAULT_RULE: AccessRule = { workspaceRole: 'admin' };

interface AccessRow {
  workspace_role: WorkspaceRole | null;
  organizations: Array<{ organizationId: string; role: OrganizationRole }>;
}

/**
 * The one place where tenancy is enforced. For every route with :workspaceId it loads the
 * caller's role in that workspace and in its organizations, answers 404 to anyone who does not
 * belong there (a member of another network, or of another organization of this network), and
 * records the tenant in the request scope for data access.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService<RequestScope>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const params = req.params as Record<string, string | undefined>;
    for (const [name, value] of Object.entries(params)) {
      if (name.endsWith('Id') && value !== undefined && !UUID.test(value)) {
        throw new AppException('invalid-id', `Path parameter ${name} must be a UUID (got ${JSON.stringify(value.slice(0, 60))}).`, [
          { path: `params.${name}`, code: 'isUuid', message: `${name} must be a UUID` },
        ]);
      }
    }
    const workspaceId = params['workspaceId'];
    const scope = this.reflector.getAllAndOverride<RouteScope | undefined>(SCOPE_KEY, [context.getHandler(), context.getClass()]);
    if (!workspaceId) {
      if (scope === 'workspace') throw new Error('An @Access() route must have a :workspaceId parameter');
      return true;
    }
    const user = this.cls.get('user');
    if (!user) throw new AppException('unauthenticated', 'Log in first.');
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? DEFAULT_RULE;

    const rows = await this.dataSource.query<AccessRow[]>(
      `SELECT
         (SELECT m.role FROM membership m WHERE m.workspace_id = $1 AND m.user_id = $2) AS workspace_role,
         COALESCE((SELECT json_agg(json_build_object('organizationId', om.organization_id, 'role', om.role))
                     FROM organization_member om
                    WHERE om.workspace_id = $1 AND om.user_id = $2), '[]'::json) AS organizations`,
      [workspaceId, user.id],
    );
    const row = rows[0]!;
    const organizationRoles: Record<string, OrganizationRole> = {};
    for (const o of row.organizations) organizationRoles[o.organizationId] = o.role;
    const organizationId = params['organizationId'];

    if (row.workspace_role) {
      if (!workspaceRoleAtLeast(row.workspace_role, rule.workspaceRole)) {
        // The caller knows this workspace exists; an organization they do not see stays hidden.
        if (organizationId) await this.assertOrganizationInWorkspace(organizationId, workspaceId);
        const allowedAsOrgMember = organizationId && rule.organizationRoles?.includes(organizationRoles[organizationId]!);
        if (!allowedAsOrgMember) {
          throw new AppException('forbidden', `This action needs the ${rule.workspaceRole} role in this workspace.`);
        }
      }
    } else {
      const allowed = organizationId
        ? rule.organizationRoles?.includes(organizationRoles[organizationId]!) === true
        : rule.organizationListing === true && Object.keys(organizationRoles).length > 0;
      if (!allowed) throw AppException.notFound();
    }
    if (organizationId) await this.assertOrganizationInWorkspace(organizationId, workspaceId);

    this.cls.set('tenant', { workspaceId, workspaceRole: row.workspace_role, organizationRoles });
    return true;
  }

  private async assertOrganizationInWorkspace(organizationId: string, workspaceId: string): Promise<void> {
    const found = await this.dataSource.query<unknown[]>(`SELECT 1 FROM organization WHERE id = $1 AND workspace_id = $2`, [
      organizationId,
      workspaceId,
    ]);
    if (found.length === 0) throw AppException.notFound('organization');
  }
}
