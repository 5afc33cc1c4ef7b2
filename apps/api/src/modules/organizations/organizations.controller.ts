import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../tenancy/access.decorator.js';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationMemberDto,
  UpdateOrganizationDto,
  UpdateOrganizationMemberDto,
} from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations')
@Controller('workspaces/:workspaceId/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Access({ workspaceRole: 'viewer', organizationListing: true })
  @ApiOkResponse({ type: [OrganizationDto] })
  list(@Param('workspaceId') _workspaceId: string): Promise<OrganizationDto[]> {
    return this.organizations.list();
  }

  @Post()
  @Access({ workspaceRole: 'facilitator' })
  @ApiCreatedResponse({ type: OrganizationDto })
  create(@Param('workspaceId') _workspaceId: string, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(dto);
  }

  @Get(':organizationId')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<OrganizationDto> {
    return this.organizations.get(organizationId);
  }

  @Patch(':organizationId')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOkResponse({ type: OrganizationDto })
  update(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(organizationId, dto);
  }

  @Delete(':organizationId')
  @HttpCode(204)
  @Access({ workspaceRole: 'admin' })
  async remove(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<void> {
    await this.organizations.remove(organizationId);
  }

  @Get(':organizationId/members')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOkResponse({ type: [OrganizationMemberDto] })
  members(@Param('workspaceId') _workspaceId: string, @Param('organizationId') organizationId: string): Promise<OrganizationMemberDto[]> {
    return this.organizations.listMembers(organizationId);
  }

  @Patch(':organizationId/members/:userId')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOkResponse({ type: OrganizationMemberDto })
  updateMember(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Param('userId') userId: string,
    @Body() dto: UpdateOrganizationMemberDto,
  ): Promise<OrganizationMemberDto> {
    return this.organizations.updateMemberRole(organizationId, userId, dto.role);
  }

  @Delete(':organizationId/members/:userId')
  @HttpCode(204)
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  async removeMember(
    @Param('workspaceId') _workspaceId: string,
    @Param('organizationId') organizationId: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.organizations.removeMember(organizationId, userId);
  }
}
