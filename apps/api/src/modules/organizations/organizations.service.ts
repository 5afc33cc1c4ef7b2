import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { OrganizationRole } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type { CreateOrganizationDto, OrganizationDto, OrganizationMemberDto, UpdateOrganizationDto } from './dto/organization.dto.js';
import { OrganizationMemberEntity } from './organization-member.entity.js';
import { OrganizationEntity } from './organization.entity.js';
import { checkLogo, type LogoType } from './logo-image.js';

function toDto(o: OrganizationEntity): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    legalForm: o.legalForm,
    city: o.city,
    description: o.description,
    hasLogo: o.logoType !== null,
    deletionRequest: o.deletionRequestedAt ? { requestedAt: o.deletionRequestedAt, requestedBy: o.deletionRequestedBy, reason: o.deletionReason ?? '' } : null,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

const LOGO_ERRORS = { 413: 'payload-too-large', 415: 'unsupported-media-type', 422: 'invalid-image' } as const;

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
  ) {}

  /** Organizations of the workspace; organization members see only their own. */
  async list(): Promise<OrganizationDto[]> {
    const visible = this.tenant.organizationIds;
    const where: FindOptionsWhere<OrganizationEntity> = this.tenant.where(visible ? { id: In(visible) } : {});
    const rows = await this.dataSource.manager.find(OrganizationEntity, { where, order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toDto);
  }

  async get(organizationId: string): Promise<OrganizationDto> {
    return toDto(await this.load(this.dataSource.manager, organizationId));
  }

  async create(dto: CreateOrganizationDto): Promise<OrganizationDto> {
    const organization = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(OrganizationEntity, {
          workspaceId: this.tenant.workspaceId,
          name: dto.name,
          legalForm: dto.legalForm ?? null,
          city: dto.city ?? null,
          description: dto.description ?? null,
        }),
      );
      await this.audit.record({ action: 'organization.created', targetType: 'organization', targetId: saved.id, data: { name: dto.name } }, m);
      return saved;
    });
    return toDto(organization);
  }

  async update(organizationId: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (m) => {
      const organization = await this.load(m, organizationId);
      const patch: Partial<OrganizationEntity> = {};
      if (dto.name !== undefined && dto.name !== null) patch.name = dto.name;
      for (const key of ['legalForm', 'city', 'description'] as const) {
        if (dto[key] !== undefined) patch[key] = dto[key] ?? null;
      }
      if (Object.keys(patch).length > 0) {
        await m.update(OrganizationEntity, this.tenant.where({ id: organization.id }), patch);
        await this.audit.record({ action: 'organization.updated', targetType: 'organization', targetId: organization.id, data: { fields: Object.keys(patch) } }, m);
      }
      return toDto(await this.load(m, organizationId));
    });
  }

  async remove(organizationId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const organization = await this.load(m, organizationId);
      await m.delete(OrganizationEntity, this.tenant.where({ id: organization.id }));
      await this.audit.record({ action: 'organization.deleted', targetType: 'organization', targetId: organization.id, data: { name: organization.name } }, m);
    });
  }

  /**
   * Stores the organization's logo once it passed every check (type by its bytes, size, pixels,
   * decoding); a refused one changes nothing.
   */
  async setLogo(organizationId: string, bytes: Buffer, contentType: string | undefined): Promise<void> {
    const checked = checkLogo(bytes, contentType);
    if (!checked.ok) {
      throw new AppException(LOGO_ERRORS[checked.status], checked.message, [{ path: 'body', code: checked.reason, message: checked.message }]);
    }
    await this.dataSource.transaction(async (m) => {
      const organization = await this.load(m, organizationId);
      await m.update(OrganizationEntity, this.tenant.where({ id: organization.id }), { logo: bytes, logoType: checked.type });
      await this.audit.record(
        {
          action: 'organization.logo-updated',
          targetType: 'organization',
          targetId: organization.id,
          data: { type: checked.type, width: checked.width, height: checked.height, bytes: bytes.length },
        },
        m,
      );
    });
  }

  async logo(organizationId: string): Promise<{ bytes: Buffer; type: LogoType }> {
    const organization = await this.load(this.dataSource.manager, organizationId);
    const [row] = await this.dataSource.query<Array<{ logo: Buffer | null; logo_type: LogoType | null }>>(
      `SELECT logo, logo_type FROM organization WHERE id = $1 AND workspace_id = $2`,
      [organization.id, this.tenant.workspaceId],
    );
    if (!row?.logo || !row.logo_type) throw new AppException('not-found', 'Cette structure n’a pas de logo / This organization has no logo.');
    return { bytes: row.logo, type: row.logo_type };
  }

  async removeLogo(organizationId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const organization = await this.load(m, organizationId);
      if (organization.logoType === null) return;
      await m.update(OrganizationEntity, this.tenant.where({ id: organization.id }), { logo: null, logoType: null });
      await this.audit.record({ action: 'organization.logo-removed', targetType: 'organization', targetId: organization.id }, m);
    });
  }

  listMembers(organizationId: string): Promise<OrganizationMemberDto[]> {
    return this.dataSource.query<OrganizationMemberDto[]>(
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", om.role
         FROM organization_member om JOIN user_account u ON u.id = om.user_id
        WHERE om.workspace_id = $1 AND om.organization_id = $2
        ORDER BY u.display_name, u.email`,
      [this.tenant.workspaceId, organizationId],
    );
  }

  /** Adds or changes an organization membership (used when an invitation is accepted). */
  async addMember(workspaceId: string, organizationId: string, userId: string, role: OrganizationRole, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO organization_member (workspace_id, organization_id, user_id, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [workspaceId, organizationId, userId, role],
    );
  }

  async updateMemberRole(organizationId: string, userId: string, role: OrganizationRole): Promise<OrganizationMemberDto> {
    await this.dataSource.transaction(async (m) => {
      const member = await this.loadMember(m, organizationId, userId);
      await m.update(OrganizationMemberEntity, { id: member.id }, { role });
      await this.audit.record({ action: 'organization-member.role-changed', targetType: 'user', targetId: userId, data: { organizationId, from: member.role, to: role } }, m);
    });
    const member = (await this.listMembers(organizationId)).find((x) => x.userId === userId);
    if (!member) throw AppException.notFound('member');
    return member;
  }

  async removeMember(organizationId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const member = await this.loadMember(m, organizationId, userId);
      await m.delete(OrganizationMemberEntity, { id: member.id });
      await this.audit.record({ action: 'organization-member.removed', targetType: 'user', targetId: userId, data: { organizationId, role: member.role } }, m);
    });
  }

  private async load(m: EntityManager, organizationId: string): Promise<OrganizationEntity> {
    const visible = this.tenant.organizationIds;
    if (visible && !visible.includes(organizationId)) throw AppException.notFound('organization');
    const organization = await m.findOneBy(OrganizationEntity, this.tenant.where({ id: organizationId }));
    if (!organization) throw AppException.notFound('organization');
    return organization;
  }

  private async loadMember(m: EntityManager, organizationId: string, userId: string): Promise<OrganizationMemberEntity> {
    const member = await m.findOneBy(OrganizationMemberEntity, this.tenant.where({ organizationId, userId }));
    if (!member) throw AppException.notFound('member');
    return member;
  }
}
