import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClsService } from 'nestjs-cls';
import { AppException } from '../../common/app.exception.js';
import { Access, UserScope } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { CreateWorkspaceDto, EndedSessionsDto, UpdateWorkspaceDto, UpdateWorkspaceMemberDto, WorkspaceDto, WorkspaceMemberDto } from './dto/workspace.dto.js';
import { WorkspacesService } from './workspaces.service.js';

@ApiTags('workspaces')
@Controller('workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  @Get()
  @UserScope()
  @ApiOperation({ summary: 'The workspaces I belong to' })
  @ApiOkResponse({ type: [WorkspaceDto] })
  async list(): Promise<WorkspaceDto[]> {
    const all = await this.workspaces.listForUser(this.cls.get('user')!.id);
    return all.map(({ id, name, role }) => ({ id, name, role }));
  }

  @Post()
  @UserScope()
  @ApiOperation({ summary: 'Create a workspace (platform administrators)' })
  @ApiCreatedResponse({ type: WorkspaceDto })
  async create(@Body() dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    const user = this.cls.get('user')!;
    if (!user.isPlatformAdmin) throw new AppException('forbidden', 'Only platform administrators create workspaces.');
    const workspace = await this.workspaces.create(dto.name, user.id);
    return { id: workspace.id, name: workspace.name, role: 'admin' };
  }

  @Get(':workspaceId')
  @Access({ workspaceRole: 'viewer', organizationListing: true })
  @ApiOkResponse({ type: WorkspaceDto })
  get(@Param('workspaceId') _workspaceId: string): Promise<WorkspaceDto> {
    return this.workspaces.current();
  }

  @Patch(':workspaceId')
  @Access({ workspaceRole: 'admin' })
  @ApiOkResponse({ type: WorkspaceDto })
  rename(@Param('workspaceId') _workspaceId: string, @Body() dto: UpdateWorkspaceDto): Promise<WorkspaceDto> {
    return this.workspaces.rename(dto.name);
  }

  @Get(':workspaceId/members')
  @Access({ workspaceRole: 'viewer' })
  @ApiOkResponse({ type: [WorkspaceMemberDto] })
  members(@Param('workspaceId') _workspaceId: string): Promise<WorkspaceMemberDto[]> {
    return this.workspaces.listMembers();
  }

  @Patch(':workspaceId/members/:userId')
  @Access({ workspaceRole: 'admin' })
  @ApiOkResponse({ type: WorkspaceMemberDto })
  updateMember(
    @Param('workspaceId') _workspaceId: string,
    @Param('userId') userId: string,
    @Body() dto: UpdateWorkspaceMemberDto,
  ): Promise<WorkspaceMemberDto> {
    return this.workspaces.updateMemberRole(userId, dto.role);
  }

  @Delete(':workspaceId/members/:userId')
  @HttpCode(204)
  @Access({ workspaceRole: 'admin' })
  async removeMember(@Param('workspaceId') _workspaceId: string, @Param('userId') userId: string): Promise<void> {
    await this.workspaces.removeMember(userId);
  }

  @Delete(':workspaceId/members/:userId/sessions')
  @HttpCode(200)
  @Access({ workspaceRole: 'admin' })
  @ApiOperation({ summary: "End every session of a member (their cookies stop working at once; the caller's own session stays)" })
  @ApiOkResponse({ type: EndedSessionsDto })
  endMemberSessions(@Param('workspaceId') _workspaceId: string, @Param('userId') userId: string): Promise<EndedSessionsDto> {
    return this.workspaces.endMemberSessions(userId, this.cls.get('session')?.id ?? null);
  }
}
