import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../tenancy/access.decorator.js';
import { AnalysisQueryDto, AnalysisDto } from './dto/analysis.dto.js';
import { AnalysisService } from './analysis.service.js';

/** The dashboard's figures, read by whoever reads the evaluation (its organization's contact and board included). */
@ApiTags('analysis')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId/analysis')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Get()
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Indicator, question and dimension figures per stakeholder group and for all groups (submitted, non-excluded submissions only), crossed perspectives, change since the previous evaluation, consensus answers; every figure about fewer than k submissions, or that would let one be computed, is withheld',
  })
  @ApiOkResponse({ type: AnalysisDto })
  get(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: AnalysisQueryDto,
  ): Promise<AnalysisDto> {
    return this.analysis.analysis(organizationId, evaluationId, query.groupKey ?? null);
  }
}
