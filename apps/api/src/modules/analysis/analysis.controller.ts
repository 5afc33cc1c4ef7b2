import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WorkLimiter, closedSignal } from '../../common/work-limiter.js';
import { EXPENSIVE_WORK } from '../../common/work-limiter.module.js';
import { Access } from '../tenancy/access.decorator.js';
import { AnalysisQueryDto, AnalysisDto } from './dto/analysis.dto.js';
import { AnalysisService } from './analysis.service.js';

/** The dashboard's figures, read by whoever reads the evaluation (its organization's contact and board included). */
@ApiTags('analysis')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId/analysis')
export class AnalysisController {
  constructor(
    private readonly analysis: AnalysisService,
    @Inject(EXPENSIVE_WORK) private readonly limiter: WorkLimiter,
  ) {}

  @Get()
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Indicator, question and dimension figures per stakeholder group and for all groups (submitted, non-excluded submissions only), crossed perspectives, change since the previous evaluation, consensus answers; every figure about fewer than k submissions, or that would let one be computed, is withheld. Analyses and exports share a few slots: when too many are running and waiting, 503 work-queue-full with Retry-After',
  })
  @ApiOkResponse({ type: AnalysisDto })
  get(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: AnalysisQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AnalysisDto> {
    // A client that leaves while waiting for a slot leaves the line.
    return this.limiter.run(() => this.analysis.analysis(organizationId, evaluationId, query.groupKey ?? null), closedSignal(res));
  }
}
