import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Access } from '../tenancy/access.decorator.js';
import {
  CommonsFrameworkDto,
  CreateFrameworkDto,
  DiffDto,
  FrameworkDetailDto,
  FrameworkSummaryDto,
  FrameworkVersionDto,
  ImportFrameworkDto,
  PublishResultDto,
  SaveDraftDto,
  UpdateFrameworkDto,
} from './dto/framework.dto.js';
import { FrameworksService } from './frameworks.service.js';

export class DiffQueryDto {
  @ApiProperty({ format: 'uuid', description: 'the older version' })
  @IsUUID('all', { message: 'from must be a version id (UUID)' })
  from!: string;

  @ApiProperty({ format: 'uuid', description: 'the newer version' })
  @IsUUID('all', { message: 'to must be a version id (UUID)' })
  to!: string;
}

function fileName(name: string, number: number): string {
  const base = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'referentiel';
  return `${base.slice(0, 80)}-v${number}.json`;
}

@ApiTags('frameworks')
@Controller('workspaces/:workspaceId/frameworks')
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  @Access({ workspaceRole: 'viewer' })
  @ApiOkResponse({ type: [FrameworkSummaryDto] })
  list(@Param('workspaceId') _w: string): Promise<FrameworkSummaryDto[]> {
    return this.frameworks.list();
  }

  @Post()
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Create a framework with a first draft (a skeleton, or the content given)' })
  @ApiCreatedResponse({ type: FrameworkDetailDto })
  create(@Param('workspaceId') _w: string, @Body() dto: CreateFrameworkDto): Promise<FrameworkDetailDto> {
    return this.frameworks.create(dto.name, dto.content);
  }

  @Post('import')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Import a framework file (format regards) or any SurveyJS questionnaire (format surveyjs)' })
  @ApiCreatedResponse({ type: FrameworkDetailDto })
  import(@Param('workspaceId') _w: string, @Body() dto: ImportFrameworkDto): Promise<FrameworkDetailDto> {
    return this.frameworks.import(dto.format, dto.document, dto.name);
  }

  @Get(':frameworkId')
  @Access({ workspaceRole: 'viewer' })
  @ApiOkResponse({ type: FrameworkDetailDto })
  get(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkDetailDto> {
    return this.frameworks.get(frameworkId);
  }

  @Patch(':frameworkId')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOkResponse({ type: FrameworkDetailDto })
  rename(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string, @Body() dto: UpdateFrameworkDto): Promise<FrameworkDetailDto> {
    return this.frameworks.rename(frameworkId, dto.name);
  }

  @Delete(':frameworkId')
  @HttpCode(204)
  @Access({ workspaceRole: 'admin' })
  async remove(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<void> {
    await this.frameworks.remove(frameworkId);
  }

  @Post(':frameworkId/drafts')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Start a new draft from the latest published version' })
  @ApiCreatedResponse({ type: FrameworkVersionDto })
  startDraft(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkVersionDto> {
    return this.frameworks.startDraft(frameworkId);
  }

  @Post(':frameworkId/fork')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Copy the latest published version into a new framework of this workspace' })
  @ApiCreatedResponse({ type: FrameworkDetailDto })
  fork(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkDetailDto> {
    return this.frameworks.fork(frameworkId);
  }

  @Put(':frameworkId/share')
  @Access({ workspaceRole: 'admin' })
  @ApiOperation({ summary: 'Share in the commons (every network can see and fork it, CC BY-SA 4.0)' })
  @ApiOkResponse({ type: FrameworkDetailDto })
  share(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkDetailDto> {
    return this.frameworks.share(frameworkId, true);
  }

  @Delete(':frameworkId/share')
  @Access({ workspaceRole: 'admin' })
  @ApiOperation({ summary: 'Withdraw from the commons (existing forks keep their copy)' })
  @ApiOkResponse({ type: FrameworkDetailDto })
  unshare(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkDetailDto> {
    return this.frameworks.share(frameworkId, false);
  }

  @Get(':frameworkId/diff')
  @Access({ workspaceRole: 'viewer' })
  @ApiOperation({ summary: 'Indicators added, removed, reworded, rescored and moved between two versions' })
  @ApiOkResponse({ type: DiffDto })
  async diff(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string, @Query() query: DiffQueryDto): Promise<DiffDto> {
    return { from: query.from, to: query.to, diff: await this.frameworks.diff(frameworkId, query.from, query.to) };
  }

  @Get(':frameworkId/versions/:versionId')
  @Access({ workspaceRole: 'viewer' })
  @ApiOkResponse({ type: FrameworkVersionDto })
  version(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string, @Param('versionId') versionId: string): Promise<FrameworkVersionDto> {
    return this.frameworks.getVersion(frameworkId, versionId);
  }

  @Put(':frameworkId/versions/:versionId/content')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Save a draft (the whole content; refused when invalid, published or stale)' })
  @ApiOkResponse({ type: FrameworkVersionDto })
  save(
    @Param('workspaceId') _w: string,
    @Param('frameworkId') frameworkId: string,
    @Param('versionId') versionId: string,
    @Body() dto: SaveDraftDto,
  ): Promise<FrameworkVersionDto> {
    return this.frameworks.saveDraft(frameworkId, versionId, dto.content, dto.revision);
  }

  @Post(':frameworkId/versions/:versionId/publish')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Publish a draft: it becomes immutable, identified by its content hash' })
  @ApiOkResponse({ type: PublishResultDto })
  publish(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string, @Param('versionId') versionId: string): Promise<PublishResultDto> {
    return this.frameworks.publish(frameworkId, versionId);
  }

  @Get(':frameworkId/versions/:versionId/export')
  @Access({ workspaceRole: 'viewer' })
  @ApiOperation({ summary: 'Download the version as a framework file (docs/framework-format.md)' })
  @ApiProduces('application/json')
  @Header('Cache-Control', 'no-store')
  async export(
    @Param('workspaceId') _w: string,
    @Param('frameworkId') frameworkId: string,
    @Param('versionId') versionId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FrameworkVersionDto['content']> {
    const [framework, version] = await Promise.all([this.frameworks.get(frameworkId), this.frameworks.getVersion(frameworkId, versionId)]);
    res.attachment(fileName(framework.name, version.number));
    return version.content;
  }
}

@ApiTags('frameworks')
@Controller('workspaces/:workspaceId/commons')
export class CommonsController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  @Access({ workspaceRole: 'viewer' })
  @ApiOperation({ summary: 'Frameworks every network shares (CC BY-SA 4.0), with attribution' })
  @ApiOkResponse({ type: [CommonsFrameworkDto] })
  list(@Param('workspaceId') _w: string): Promise<CommonsFrameworkDto[]> {
    return this.frameworks.commons();
  }

  @Get(':frameworkId')
  @Access({ workspaceRole: 'viewer' })
  @ApiOkResponse({ type: FrameworkVersionDto })
  get(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkVersionDto> {
    return this.frameworks.commonsVersion(frameworkId);
  }

  @Post(':frameworkId/fork')
  @Access({ workspaceRole: 'facilitator' })
  @ApiCreatedResponse({ type: FrameworkDetailDto })
  fork(@Param('workspaceId') _w: string, @Param('frameworkId') frameworkId: string): Promise<FrameworkDetailDto> {
    return this.frameworks.fork(frameworkId);
  }
}
