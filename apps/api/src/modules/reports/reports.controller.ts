import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, type AccessRule } from '../tenancy/access.decorator.js';
import {
  CreateRenderDto,
  PutReportDto,
  RenderDto,
  ReportDto,
  SaveSectionDto,
  SectionDto,
  SectionHistoryDto,
  ValidateReportDto,
  VersionDto,
} from './dto/report.dto.js';
import { ReportsService, type PdfFile } from './reports.service.js';

/** Writing, rendering drafts and validating: the network's facilitators and the organization's contact. */
const WRITE: AccessRule = { workspaceRole: 'facilitator', organizationRoles: ['contact'] };
/** Validated versions: every member of the network, the organization's contact and its board. */
const READ_VERSIONS: AccessRule = { workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] };
const KEY_PARAM = { name: 'key', description: "a section: 'summary', 'context', 'dimension:<dimensionKey>', 'crossed', 'action-plan' or 'conclusion'", example: 'summary' } as const;

/**
 * The report of an evaluation: its sections, their history, renders of drafts (off the request
 * path), validations in both capacities and the validated versions.
 */
@ApiTags('reports')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId/report')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @Access(WRITE)
  @ApiOperation({ summary: 'The report, made with its default sections on first read; validations of the current revision, the latest render and the versions' })
  @ApiOkResponse({ type: ReportDto })
  get(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<ReportDto> {
    return this.reports.get(organizationId, evaluationId);
  }

  @Put()
  @Access(WRITE)
  @ApiOperation({ summary: 'Change the language the report renders in (a new revision: validations start over); stale baseRevision → 409 report-conflict' })
  @ApiOkResponse({ type: ReportDto })
  put(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: PutReportDto,
  ): Promise<ReportDto> {
    return this.reports.setLocale(organizationId, evaluationId, dto);
  }

  @Put('sections/:key')
  @Access(WRITE)
  @ApiOperation({
    summary:
      'Save a section from the version it started from (baseVersion): 409 report-section-conflict with the current section when someone saved in between; unknown chart, story not selected or name without consent → 422; audited, history kept, validations cleared',
  })
  @ApiParam(KEY_PARAM)
  @ApiOkResponse({ type: SectionDto })
  saveSection(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('key') key: string,
    @Body() dto: SaveSectionDto,
  ): Promise<SectionDto> {
    return this.reports.saveSection(organizationId, evaluationId, key, dto);
  }

  @Get('sections/:key/history')
  @Access(WRITE)
  @ApiOperation({ summary: 'The saves of a section, newest first: version, when, who, which fields' })
  @ApiParam(KEY_PARAM)
  @ApiOkResponse({ type: [SectionHistoryDto] })
  history(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('key') key: string,
  ): Promise<SectionHistoryDto[]> {
    return this.reports.history(organizationId, evaluationId, key);
  }

  @Post('renders')
  @HttpCode(202)
  @Access(WRITE)
  @ApiOperation({ summary: 'Lay out a draft PDF of the current revision (watermarked « projet / draft »), off the request path: poll the render; 503 render-queue-full with Retry-After when too many wait' })
  @ApiAcceptedResponse({ type: RenderDto })
  requestRender(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: CreateRenderDto,
  ): Promise<RenderDto> {
    return this.reports.requestRender(organizationId, evaluationId, dto);
  }

  @Get('renders/:renderId')
  @Access(WRITE)
  @ApiOperation({ summary: 'A render: queued, running (with progress), done or failed (with why)' })
  @ApiOkResponse({ type: RenderDto })
  render(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('renderId') renderId: string,
  ): Promise<RenderDto> {
    return this.reports.render(organizationId, evaluationId, renderId);
  }

  @Get('renders/:renderId/pdf')
  @Access(WRITE)
  @ApiOperation({ summary: 'The PDF of a done draft render, as an attachment' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the PDF' })
  async renderPdf(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('renderId') renderId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPdf(res, await this.reports.renderPdf(organizationId, evaluationId, renderId));
  }

  @Post('validations')
  @Access(WRITE)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Validate the current revision in your capacity (facilitator or contact; both must say which); when both have validated it, its final render is queued and becomes a version; stale revision → 409; evaluation not past collection → 409 evaluation-status',
  })
  @ApiOkResponse({ type: ReportDto })
  validate(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: ValidateReportDto,
  ): Promise<ReportDto> {
    return this.reports.validate(organizationId, evaluationId, dto);
  }

  @Delete('validations/mine')
  @Access(WRITE)
  @ApiOperation({ summary: 'Withdraw your validation, while no version was made of the revision' })
  @ApiOkResponse({ type: ReportDto })
  withdraw(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<ReportDto> {
    return this.reports.withdraw(organizationId, evaluationId);
  }

  @Get('versions')
  @Access(READ_VERSIONS)
  @ApiOperation({ summary: 'Validated versions, newest first (the board reads these only)' })
  @ApiOkResponse({ type: [VersionDto] })
  versions(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<VersionDto[]> {
    return this.reports.versions(organizationId, evaluationId);
  }

  // Named apart from the frameworks' :versionId, so that each path parameter names one kind of record.
  @Get('versions/:reportVersionId/pdf')
  @Access(READ_VERSIONS)
  @ApiOperation({ summary: 'The PDF of a validated version, its stored bytes (ETag: their SHA-256); audited' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the PDF' })
  async versionPdf(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('reportVersionId') versionId: string,
    @Res() res: Response,
  ): Promise<void> {
    sendPdf(res, await this.reports.versionPdf(organizationId, evaluationId, versionId));
  }
}

function sendPdf(res: Response, file: PdfFile): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.setHeader('Content-Length', String(file.bytes.length));
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (file.sha256) res.setHeader('ETag', `"${file.sha256}"`);
  res.end(file.bytes);
}
