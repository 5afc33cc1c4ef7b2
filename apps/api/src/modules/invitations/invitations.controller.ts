import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { AuthService } from '../auth/auth.service.js';
import { SessionDto } from '../auth/dto/auth.dto.js';
import { Access, Public } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import {
  AcceptInvitationDto,
  CreatedInvitationDto,
  CreateOrganizationInvitationDto,
  CreateWorkspaceInvitationDto,
  InvitationDto,
  InvitationPreviewDto,
} from './dto/invitation.dto.js';
import { InvitationsService } from './invitations.service.js';

@ApiTags('invitations')
@Controller('workspaces/:workspaceId/invitations')
export class WorkspaceInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Access({ workspaceRole: 'admin' })
  @ApiOkResponse({ type: [InvitationDto] })
  list(@Param('workspaceId') _workspaceId: string): Promise<InvitationDto[]> {
    return this.invitations.listPending(null);
  }

  @Post()
  @Access({ workspaceRole: 'admin' })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  create(@Param('workspaceId') _workspaceId: string, @Body() dto: CreateWorkspaceInvitationDto): Promise<CreatedInvitationDto> {
    return this.invitations.create(dto.email, dto.role, null);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Access({ workspaceRole: 'admin' })
  async revoke(@Param('workspaceId') _workspaceId: string, @Param('invitationId') invitationId: string): Promise<void> {
    await this.invitations.revoke(invitationId, null);
  }
}

@ApiTags('invitations')
@Controller('workspaces/:workspaceId/organizations/:organizationId/invitations')
export class OrganizationInvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOkResponse({ type: [InvitationDto] })
  list(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<InvitationDto[]> {
    return this.invitations.listPending(organizationId);
  }

  @Post()
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  create(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Body() dto: CreateOrganizationInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.invitations.create(dto.email, dto.role, organizationId);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  async revoke(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Param('invitationId') invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(invitationId, organizationId);
  }
}

@ApiTags('invitations')
@Public()
@Controller('invitations')
export class PublicInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  @Post('accept')
  @ApiOkResponse({ type: SessionDto })
  @HttpCode(200)
  async accept(@Body() dto: AcceptInvitationDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const current = this.cls.get('user');
    const { userId } = await this.invitations.accept(dto, current, this.cls.get('ip'));
    if (!current) await this.auth.startSession(userId, res);
    return this.auth.sessionView(userId);
  }

  @Get(':token')
  @ApiOkResponse({ type: InvitationPreviewDto })
  preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.invitations.preview(token, this.cls.get('ip'));
  }
}
