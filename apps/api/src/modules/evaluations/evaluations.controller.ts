import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from '#domain';
import { Access } from '../tenancy/access.decorator.js';
import {
  CreateEvaluationDto,
  EvaluationDto,
  PutGroupDto,
  QuestionnaireDto,
  QuestionnaireQueryDto,
  TransitionDto,
  UpdateEvaluationDto,
} from './dto/evaluation.dto.js';
import { EvaluationsService } from './evaluations.service.js';
import { GroupKeyPipe } from './group-key.pipe.js';

const GROUP_KEY_PARAM = { name: 'groupKey', enum: STAKEHOLDER_GROUP_KEYS } as const;

/**
 * Evaluations of one organization. Under :organizationId, so the organization's own members
 * reach them through the TenantGuard (contact and board read; the contact co-designs a draft).
 */
@ApiTags('evaluations')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get()
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOkResponse({ type: [EvaluationDto] })
  list(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string): Promise<EvaluationDto[]> {
    return this.evaluations.list(organizationId);
  }

  @Post()
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Create a draft evaluation on a published framework version (the self-assessment group is always included)' })
  @ApiCreatedResponse({ type: EvaluationDto })
  create(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Body() dto: CreateEvaluationDto): Promise<EvaluationDto> {
    return this.evaluations.create(organizationId, dto);
  }

  @Get(':evaluationId')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] })
  @ApiOkResponse({ type: EvaluationDto })
  get(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<EvaluationDto> {
    return this.evaluations.get(organizationId, evaluationId);
  }

  @Patch(':evaluationId')
  @Access({ workspaceRole: 'facilitator', organizationRoles: ['contact'] })
  @ApiOperation({
    summary: 'Change an evaluation: everything while draft, only the dates while collecting (409 evaluation-locked otherwise); the organization contact may change dimensionKeys and customQuestions',
  })
  @ApiOkResponse({ type: EvaluationDto })
  update(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: UpdateEvaluationDto,
  ): Promise<EvaluationDto> {
    return this.evaluations.update(organizationId, evaluationId, dto);
  }

  @Delete(':evaluationId')
  @HttpCode(204)
  @Access({ workspaceRole: 'admin' })
  @ApiOperation({ summary: 'Delete a draft evaluation' })
  @ApiNoContentResponse()
  async remove(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<void> {
    await this.evaluations.remove(organizationId, evaluationId);
  }

  @Post(':evaluationId/transitions')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Move the status: draft → collecting → analysing (→ collecting) → reporting → closed; 409 invalid-transition names the allowed ones' })
  @ApiOkResponse({ type: EvaluationDto })
  transition(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: TransitionDto,
  ): Promise<EvaluationDto> {
    return this.evaluations.transition(organizationId, evaluationId, dto.to);
  }

  @Put(':evaluationId/groups/:groupKey')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Add a stakeholder group or set its expected count and anonymity (expected counts stay editable while collecting)' })
  @ApiParam(GROUP_KEY_PARAM)
  @ApiOkResponse({ type: EvaluationDto })
  putGroup(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('groupKey', GroupKeyPipe) groupKey: StakeholderGroupKey,
    @Body() dto: PutGroupDto,
  ): Promise<EvaluationDto> {
    return this.evaluations.putGroup(organizationId, evaluationId, groupKey, dto);
  }

  @Delete(':evaluationId/groups/:groupKey')
  @HttpCode(204)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Remove a stakeholder group while draft (never the self-assessment)' })
  @ApiParam(GROUP_KEY_PARAM)
  @ApiNoContentResponse()
  async removeGroup(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('groupKey', GroupKeyPipe) groupKey: StakeholderGroupKey,
  ): Promise<void> {
    await this.evaluations.removeGroup(organizationId, evaluationId, groupKey);
  }

  @Get(':evaluationId/questionnaires/:groupKey')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'The questionnaire a group answers: SurveyJS JSON and the answer specification' })
  @ApiParam(GROUP_KEY_PARAM)
  @ApiOkResponse({ type: QuestionnaireDto })
  questionnaire(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('groupKey', GroupKeyPipe) groupKey: StakeholderGroupKey,
    @Query() query: QuestionnaireQueryDto,
  ): Promise<QuestionnaireDto> {
    return this.evaluations.questionnaire(organizationId, evaluationId, groupKey, query.locale ?? 'fr');
  }
}
