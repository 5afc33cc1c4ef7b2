import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WorkLimiter, closedSignal } from '../../common/work-limiter.js';
import { EXPENSIVE_WORK } from '../../common/work-limiter.module.js';
import { Access } from '../tenancy/access.decorator.js';
import { ExportQueryDto } from './dto/export-query.dto.js';
import { EXPORT_CONTENT_TYPES, ExportsService, type ExportFormat } from './exports.service.js';

const SUMMARY =
  'One row per submitted submission (excluded ones only with includeExcluded), one column per question of the questionnaires, labels or codes; no identifying field for anonymous groups, names for named groups only; formulas neutralised; streamed. Exports and analyses share a few slots: when too many are running and waiting, 503 work-queue-full with Retry-After';

/** Downloads of an evaluation's submissions, for the network's facilitators. */
@ApiTags('exports')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId/exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    @Inject(EXPENSIVE_WORK) private readonly limiter: WorkLimiter,
  ) {}

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

  /**
   * The export holds a slot of the expensive-work limiter from before its first query until its
   * response closes: sent in full, or its client gone (the slot is free at once then, without
   * waiting for the stream to notice).
   */
  private async download(format: ExportFormat, organizationId: string, evaluationId: string, query: ExportQueryDto, res: Response): Promise<void> {
    const release = await this.limiter.acquire(closedSignal(res));
    res.once('close', release);
    try {
      if (res.closed) return;
      const plan = await this.exports.prepare(organizationId, evaluationId, format, query);
      res.status(200);
      res.setHeader('Content-Type', plan.contentType);
      res.setHeader('Content-Disposition', plan.contentDisposition);
      res.setHeader('Cache-Control', 'no-store');
      await this.exports.stream(plan, res);
    } finally {
      release();
    }
  }
}
