import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganizationRole, WorkspaceRole } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionService } from '../auth/session.service.js';
import { FrameworksService } from '../frameworks/frameworks.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type { SessionWorkspaceDto, WorkspaceDto, WorkspaceMemberDto } from './dto/workspace.dto.js';
import { MembershipEntity } from './membership.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';

@Injectable()
export class WorkspacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly frameworks: FrameworksService,
    private readonly sessions: SessionService,
  ) {}

  /** The workspaces a user reaches, as a network member or as a member of organizations. */
  async listForUser(userId: string): Promise<SessionWorkspaceDto[]> {
    const workspaces = await this.dataSource.query<Array<{ id: string; name: string; role: WorkspaceRole | null }>>(
      `SELECT w.id, w.name, m.role
         FROM workspace w
         LEFT JOIN membership m ON m.workspace_id = w.id AND m.user_id = $1
        WHERE m.user_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM organization_member om WHERE om.workspace_id = w.id AND om.user_id = $1)
        ORDER BY w.name, w.id`,
      [userId],
    );
    const organizations = await this.dataSource.query<Array<{ workspace_id: string; id: string; name: string; role: OrganizationRole }>>(
      `SELECT om.workspace_id, o.id, o.name, om.role
         FROM organization_member om JOIN organization o ON o.id = om.organization_id
        WHERE om.user_id = $1
        ORDER BY o.name, o.id`,
      [userId],
    );
    return workspaces.map((w) => ({
      id: w.id,
      name: w.name,
      role: w.role,
      organizations: organizations.filter((o) => o.workspace_id === w.id).map((o) => ({ id: o.id, name: o.name, role: o.role })),
    }));
  }

  /** Creates a workspace with its creator as admin and the shipped default framework. */
  async create(name: string, creatorUserId: string, manager?: EntityManager): Promise<WorkspaceEntity> {
    const run = async (m: EntityManager) => {
      const workspace = await m.save(m.create(WorkspaceEntity, { name }));
      await m.insert(MembershipEntity, { workspaceId: workspace.id, userId: creatorUserId, role: 'admin' });
      await this.frameworks.seedDefault(workspace.id, m);
      await this.audit.record({ action: 'workspace.created', targetType: 'workspace', targetId: workspace.id, workspaceId: workspace.id, actorUserId: creatorUserId, data: { name } }, m);
      return workspace;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async current(): Promise<WorkspaceDto> {
    const workspace = await this.dataSource.manager.findOneBy(WorkspaceEntity, { id: this.tenant.workspaceId });
    if (!workspace) throw AppException.notFound('workspace');
    return { id: workspace.id, name: workspace.name, role: this.tenant.workspaceRole };
  }

  async rename(name: string): Promise<WorkspaceDto> {
    await this.dataSource.transaction(async (m) => {
      await m.update(WorkspaceEntity, { id: this.tenant.workspaceId }, { name });
      await this.audit.record({ action: 'workspace.renamed', targetType: 'workspace', targetId: this.tenant.workspaceId, data: { name } }, m);
    });
    return this.current();
  }

  listMembers(): Promise<WorkspaceMemberDto[]> {
    return this.dataSource.query<WorkspaceMemberDto[]>(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", m.role
         FROM membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.workspace_id = $1
        ORDER BY u.display_name, u.email`,
      [this.tenant.workspaceId],
    );
  }

  /** Adds a membership, or raises its role; never lowers it (an old invitation cannot demote an admin). */
  async addMember(workspaceId: string, userId: string, role: WorkspaceRole, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO membership (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO UPDATE
         SET role = CASE WHEN array_position(ARRAY['viewer', 'facilitator', 'admin']::varchar[], EXCLUDED.role)
                            > array_position(ARRAY['viewer', 'facilitator', 'admin']::varchar[], membership.role)
                         THEN EXCLUDED.role ELSE membership.role END`,
      [workspaceId, userId, role],
    );
  }

  async updateMemberRole(userId: string, role: WorkspaceRole): Promise<WorkspaceMemberDto> {
    await this.dataSource.transaction(async (m) => {
      const membership = await this.lockMembership(m, userId);
      if (membership.role === 'admin' && role !== 'admin') await this.assertAnotherAdmin(m, userId);
      await m.update(MembershipEntity, { id: membership.id }, { role });
      await this.audit.record({ action: 'membership.role-changed', targetType: 'user', targetId: userId, data: { from: membership.role, to: role } }, m);
    });
    const member = (await this.listMembers()).find((x) => x.userId === userId);
    if (!member) throw AppException.notFound('member');
    return member;
  }

  async removeMember(userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const membership = await this.lockMembership(m, userId);
      if (membership.role === 'admin') await this.assertAnotherAdmin(m, userId);
      await m.delete(MembershipEntity, { id: membership.id });
      await this.audit.record({ action: 'membership.removed', targetType: 'user', targetId: userId, data: { role: membership.role } }, m);
    });
  }

  /**
   * Ends every session of a member of this workspace (a lost phone, a shared computer), so their
   * cookies stop working at once; the caller keeps the session they act from.
   */
  async endMemberSessions(userId: string, callerSessionId: string | null): Promise<{ sessionsEnded: number }> {
    return this.dataSource.transaction(async (m) => {
      const membership = await m.findOneBy(MembershipEntity, this.tenant.where({ userId }));
      if (!membership) throw AppException.notFound('member');
      const keep = userId === this.tenant.userId ? callerSessionId : null;
      const sessionsEnded = await this.sessions.destroyOthers(userId, keep, m);
      await this.audit.record({ action: 'membership.sessions-ended', targetType: 'user', targetId: userId, data: { sessionsEnded } }, m);
      return { sessionsEnded };
    });
  }

  private async lockMembership(m: EntityManager, userId: string): Promise<MembershipEntity> {
    // Lock every admin row of the workspace so two concurrent demotions cannot leave none.
    await m.query(`SELECT id FROM membership WHERE workspace_id = $1 AND role = 'admin' FOR UPDATE`, [this.tenant.workspaceId]);
    const membership = await m.findOne(MembershipEntity, { where: this.tenant.where({ userId }), lock: { mode: 'pessimistic_write' } });
    if (!membership) throw AppException.notFound('member');
    return membership;
  }

  private async assertAnotherAdmin(m: EntityManager, userId: string): Promise<void> {
    const others = await m.count(MembershipEntity, { where: this.tenant.where({ role: 'admin' as const }) });
    if (others <= 1) {
      throw new AppException('last-admin', `This is the workspace's last administrator; make someone else administrator first.`, [
        { path: 'role', code: 'last-admin', message: `user ${userId} is the last administrator of this workspace` },
      ]);
    }
  }
}
