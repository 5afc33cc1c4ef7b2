import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { OrganizationRole, WorkspaceRole } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { RateLimiterService } from '../auth/rate-limiter.service.js';
import { randomToken, sha256Hex } from '../auth/tokens.js';
import { MailService } from '../mail/mail.service.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import { UsersService } from '../users/users.service.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import type { AcceptInvitationDto, CreatedInvitationDto, InvitationDto, InvitationPreviewDto } from './dto/invitation.dto.js';
import { InvitationEntity } from './invitation.entity.js';

const ROLE_LABELS: Record<string, { fr: string; en: string }> = {
  admin: { fr: 'administrateur·ice du réseau', en: 'network administrator' },
  facilitator: { fr: 'accompagnateur·ice', en: 'facilitator' },
  viewer: { fr: 'lecteur·ice', en: 'viewer' },
  contact: { fr: 'référent·e de la structure', en: 'organization contact' },
  board: { fr: 'administrateur·ice de la structure', en: 'board member' },
};

/** Token look-ups allowed per IP and window, so invitation codes cannot be guessed. */
const TOKEN_ATTEMPTS_PER_IP = 60;
const TOKEN_WINDOW_SECONDS = 15 * 60;

function toDto(i: InvitationEntity): InvitationDto {
  return { id: i.id, email: i.email, role: i.role, organizationId: i.organizationId, expiresAt: i.expiresAt, createdAt: i.createdAt };
}

@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly users: UsersService,
    private readonly workspaces: WorkspacesService,
    private readonly organizations: OrganizationsService,
    private readonly rateLimiter: RateLimiterService,
  ) {}

  listPending(organizationId: string | null): Promise<InvitationDto[]> {
    return this.dataSource.manager
      .find(InvitationEntity, {
        where: this.tenant.where({
          organizationId: organizationId ?? IsNull(),
          acceptedAt: IsNull(),
          revokedAt: IsNull(),
          expiresAt: MoreThan(new Date()),
        }),
        order: { createdAt: 'DESC' },
      })
      .then((rows) => rows.map(toDto));
  }

  async create(email: string, role: WorkspaceRole | OrganizationRole, organizationId: string | null): Promise<CreatedInvitationDto> {
    const workspaceId = this.tenant.workspaceId;
    const token = randomToken(16);
    const invitation = await this.dataSource.transaction(async (m) => {
      await this.assertNotAlreadyMember(m, email, organizationId);
      // A new invitation to the same person and place replaces the pending one.
      await m.update(
        InvitationEntity,
        { workspaceId, email, organizationId: organizationId ?? IsNull(), acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      const saved = await m.save(
        m.create(InvitationEntity, {
          workspaceId,
          organizationId,
          email,
          role,
          tokenHash: sha256Hex(token),
          expiresAt: new Date(Date.now() + this.config.invitationTtlHours * 3600 * 1000),
          createdBy: this.tenant.userId,
        }),
      );
      await this.audit.record({ action: 'invitation.created', targetType: 'invitation', targetId: saved.id, data: { email, role, organizationId } }, m);
      return saved;
    });
    const link = `${this.config.publicUrl}/invitations/${token}`;
    const emailed = this.mail.enabled ? await this.mail.send(await this.invitationMail(invitation, link)) : false;
    return { ...toDto(invitation), link, emailed };
  }

  async revoke(invitationId: string, organizationId: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const invitation = await m.findOneBy(
        InvitationEntity,
        this.tenant.where({ id: invitationId, organizationId: organizationId ?? IsNull(), acceptedAt: IsNull(), revokedAt: IsNull() }),
      );
      if (!invitation) throw AppException.notFound('pending invitation');
      await m.update(InvitationEntity, { id: invitation.id }, { revokedAt: new Date() });
      await this.audit.record({ action: 'invitation.revoked', targetType: 'invitation', targetId: invitation.id, data: { email: invitation.email } }, m);
    });
  }

  async preview(token: string, ip: string | undefined): Promise<InvitationPreviewDto> {
    await this.throttle(ip);
    const invitation = await this.findValid(this.dataSource.manager, token, false);
    const workspace = await this.dataSource.manager.findOneByOrFail(WorkspaceEntity, { id: invitation.workspaceId });
    const organization = invitation.organizationId
      ? await this.dataSource.manager.findOneByOrFail(OrganizationEntity, { id: invitation.organizationId })
      : null;
    const account = await this.users.findByEmail(invitation.email);
    return {
      email: invitation.email,
      role: invitation.role,
      workspaceName: workspace.name,
      organizationName: organization?.name ?? null,
      accountExists: account !== null,
      expiresAt: invitation.expiresAt,
    };
  }

  /**
   * Accepts an invitation: for the logged-in user (whose e-mail must match), or by creating the
   * account. Single use: the row is locked and marked accepted in the same transaction.
   * Returns the user who joined.
   */
  async accept(dto: AcceptInvitationDto, currentUser: { id: string; email: string } | undefined, ip: string | undefined): Promise<{ userId: string; workspaceId: string }> {
    await this.throttle(ip);
    return this.dataSource.transaction(async (m) => {
      const invitation = await this.findValid(m, dto.token, true);
      let userId: string;
      if (currentUser) {
        if (currentUser.email !== invitation.email) {
          throw new AppException('invitation-email-mismatch', `This invitation was sent to another address; log out and accept it as that person.`);
        }
        userId = currentUser.id;
      } else {
        const existing = await this.users.findByEmail(invitation.email, m);
        if (existing) throw new AppException('login-required', 'An account exists for this e-mail: log in, then accept the invitation.');
        const missing = [
          ...(dto.displayName ? [] : [{ path: 'displayName', code: 'isNotEmpty', message: 'displayName is required to create your account' }]),
          ...(dto.password ? [] : [{ path: 'password', code: 'isNotEmpty', message: 'password is required to create your account' }]),
        ];
        if (missing.length > 0) throw AppException.validation(missing);
        const user = await this.users.create({ email: invitation.email, displayName: dto.displayName!, password: dto.password! }, m);
        userId = user.id;
      }
      if (invitation.organizationId) {
        await this.organizations.addMember(invitation.workspaceId, invitation.organizationId, userId, invitation.role as OrganizationRole, m);
      } else {
        await this.workspaces.addMember(invitation.workspaceId, userId, invitation.role as WorkspaceRole, m);
      }
      await m.update(InvitationEntity, { id: invitation.id }, { acceptedAt: new Date(), acceptedBy: userId });
      await this.audit.record(
        { action: 'invitation.accepted', targetType: 'invitation', targetId: invitation.id, workspaceId: invitation.workspaceId, actorUserId: userId, data: { role: invitation.role, organizationId: invitation.organizationId } },
        m,
      );
      return { userId, workspaceId: invitation.workspaceId };
    });
  }

  /** Unknown, used, revoked and expired tokens all get the same answer. */
  private async findValid(m: EntityManager, token: string, lock: boolean): Promise<InvitationEntity> {
    const invalid = new AppException('invitation-invalid', 'This invitation link is not valid (unknown, already used, revoked or expired). Ask for a new one.');
    if (!/^[A-Za-z0-9_-]{10,100}$/.test(token)) throw invalid;
    const invitation = await m.findOne(InvitationEntity, {
      where: { tokenHash: sha256Hex(token) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) throw invalid;
    return invitation;
  }

  private async throttle(ip: string | undefined): Promise<void> {
    const state = await this.rateLimiter.hit(`invitation-token:ip:${ip ?? 'unknown'}`, TOKEN_WINDOW_SECONDS);
    if (state.hits > TOKEN_ATTEMPTS_PER_IP) {
      throw new AppException('too-many-attempts', `Too many invitation look-ups; try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`, undefined, {
        retryAfterSeconds: state.retryAfterSeconds,
      });
    }
  }

  private async assertNotAlreadyMember(m: EntityManager, email: string, organizationId: string | null): Promise<void> {
    const rows = organizationId
      ? await m.query<unknown[]>(
          `SELECT 1 FROM organization_member om JOIN user_account u ON u.id = om.user_id WHERE om.organization_id = $1 AND u.email = $2`,
          [organizationId, email],
        )
      : await m.query<unknown[]>(
          `SELECT 1 FROM membership ms JOIN user_account u ON u.id = ms.user_id WHERE ms.workspace_id = $1 AND u.email = $2`,
          [this.tenant.workspaceId, email],
        );
    if (rows.length > 0) {
      throw new AppException('conflict', `${email} is already a member; change their role instead.`, [
        { path: 'email', code: 'already-member', message: `${email} is already a member` },
      ]);
    }
  }

  private async invitationMail(invitation: InvitationEntity, link: string) {
    const workspace = await this.dataSource.manager.findOneByOrFail(WorkspaceEntity, { id: invitation.workspaceId });
    const organization = invitation.organizationId
      ? await this.dataSource.manager.findOneByOrFail(OrganizationEntity, { id: invitation.organizationId })
      : null;
    const role = ROLE_LABELS[invitation.role] ?? { fr: invitation.role, en: invitation.role };
    const where = organization ? `${organization.name} (${workspace.name})` : workspace.name;
    const days = Math.round(this.config.invitationTtlHours / 24);
    return {
      to: invitation.email,
      subject: `Invitation à rejoindre ${where} sur Regards`,
      text: [
        `Bonjour,`,
        ``,
        `Vous êtes invité·e à rejoindre ${where} sur Regards, en tant que ${role.fr}.`,
        `Pour accepter, ouvrez ce lien (valable ${days} jours, une seule fois) :`,
        link,
        ``,
        `— English —`,
        `You are invited to join ${where} on Regards as ${role.en}.`,
        `Open this link to accept (valid for ${days} days, once): ${link}`,
      ].join('\n'),
    };
  }
}
