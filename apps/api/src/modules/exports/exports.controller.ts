import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../tenancy/access.decorator.js';
import { ExportQueryDto } from './dto/export-query.dto.js';
import { EXPORT_CONTENT_TYPES, ExportsService, type ExportFormat } from './exports.service.js';

const SUMMARY =
  'One row per submitted submission (excluded ones only with includeExcluded), one column per question of the questionnaires, labels or codes; no identifying field for anonymous groups, names for named groups only; formulas neutralised; streamed';

/** Downloads of an evaluation's submissions, for the network's facilitators. */
@ApiTags('exports')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('submissions.csv')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: `CSV (UTF-8 with BOM; fr: ";" and decimal commas, en: "," and decimal points). ${SUMMARY}` })
  @ApiProduces(EXPORT_CONTENT_TYPES.csv)
  @ApiOkResponse({ description: 'the CSV file, as an attachment' })
  csv(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: ExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.download('csv', organizationId, evaluationId, query, res);
  }

  @Get('submissions.xlsx')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: `XLSX with a second sheet "Questions" (the codebook). ${SUMMARY}` })
  @ApiProduces(EXPORT_CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'the XLSX workbook, as an attachment' })
  xlsx(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: ExportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    return this.download('xlsx', organizationId, evaluationId, query, res);
  }

  private async download(format: ExportFormat, organizationId: string, evaluationId: string, query: ExportQueryDto, res: Response): Promise<void> {
    const plan = await this.exports.prepare(organizationId, evaluationId, format, query);
    res.status(200);
    res.setHeader('Content-Type', plan.contentType);
    res.setHeader('Content-Disposition', plan.contentDisposition);
    res.setHeader('Cache-Control', 'no-store');
    await this.exports.stream(plan, res);
  }
}
