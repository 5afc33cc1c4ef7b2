import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../tenancy/access.decorator.js';
import {
  CollectionOverviewDto,
  CreatedLinkDto,
  CreateLinksDto,
  LinkDto,
  LinksQueryDto,
  PaperSubmissionDto,
  PaperSubmissionResultDto,
  ReasonDto,
  RemindersDto,
  RemindersResultDto,
  SubmissionsQueryDto,
  SubmissionSummaryDto,
} from './dto/collection.dto.js';
import { CollectionService } from './collection.service.js';

/**
 * Collection of one evaluation, for its facilitators. The overview (counts only) is also open to
 * the workspace's viewers and to the organization's contact; links and submissions, which may
 * name people, are the facilitator's.
 */
@ApiTags('collection')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId')
export class CollectionController {
  constructor(private readonly collection: CollectionService) {}

  @Get('collection')
  @Access({ workspaceRole: 'viewer', organizationRoles: ['contact'] })
  @ApiOperation({ summary: 'Answers against what is expected, per group: submitted, partial, excluded, response rate, links' })
  @ApiOkResponse({ type: CollectionOverviewDto })
  overview(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<CollectionOverviewDto> {
    return this.collection.overview(organizationId, evaluationId);
  }

  @Get('links')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Personal and shared links, with what each received (tokens are never shown again)' })
  @ApiOkResponse({ type: [LinkDto] })
  links(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: LinksQueryDto,
  ): Promise<LinkDto[]> {
    return this.collection.links(organizationId, evaluationId, query.groupKey);
  }

  @Post('links')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({
    summary: 'Make personal links (one per respondent, optionally e-mailed) or a shared link (optionally capped), while draft or collecting; the tokens are returned this once',
  })
  @ApiCreatedResponse({ type: [CreatedLinkDto] })
  createLinks(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: CreateLinksDto,
  ): Promise<CreatedLinkDto[]> {
    return this.collection.createLinks(organizationId, evaluationId, dto);
  }

  @Post('links/:linkId/revoke')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Revoke a link: it answers link-invalid from now on' })
  @ApiOkResponse({ type: LinkDto })
  revoke(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('linkId') linkId: string,
  ): Promise<LinkDto> {
    return this.collection.revokeLink(organizationId, evaluationId, linkId);
  }

  @Post('links/:linkId/renew')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Replace a link by a new one for the same respondent (the old one is revoked; answers saved through it follow)' })
  @ApiCreatedResponse({ type: CreatedLinkDto })
  renew(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('linkId') linkId: string,
  ): Promise<CreatedLinkDto> {
    return this.collection.renewLink(organizationId, evaluationId, linkId);
  }

  @Post('reminders')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'E-mail a reminder to each personal link with an address whose respondent has not submitted (each with a new link)' })
  @ApiOkResponse({ type: RemindersResultDto })
  remind(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: RemindersDto,
  ): Promise<RemindersResultDto> {
    return this.collection.remind(organizationId, evaluationId, dto.groupKey);
  }

  @Get('submissions')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Submissions, newest first; no identity for anonymous groups' })
  @ApiOkResponse({ type: [SubmissionSummaryDto] })
  submissions(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Query() query: SubmissionsQueryDto,
  ): Promise<SubmissionSummaryDto[]> {
    return this.collection.submissions(organizationId, evaluationId, query);
  }

  @Post('submissions/:submissionId/exclusion')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Exclude a submitted submission from the results, with the reason (audited)' })
  @ApiOkResponse({ type: SubmissionSummaryDto })
  exclude(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('submissionId') submissionId: string,
    @Body() dto: ReasonDto,
  ): Promise<SubmissionSummaryDto> {
    return this.collection.exclude(organizationId, evaluationId, submissionId, dto.reason);
  }

  @Post('submissions/:submissionId/restore')
  @HttpCode(200)
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Bring an excluded submission back into the results, with the reason (audited)' })
  @ApiOkResponse({ type: SubmissionSummaryDto })
  restore(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('submissionId') submissionId: string,
    @Body() dto: ReasonDto,
  ): Promise<SubmissionSummaryDto> {
    return this.collection.restore(organizationId, evaluationId, submissionId, dto.reason);
  }

  @Post('paper-submissions')
  @Access({ workspaceRole: 'facilitator' })
  @ApiOperation({ summary: 'Type in a paper questionnaire: submitted at once, required questions not enforced, idempotent by clientId (audited without the answers)' })
  @ApiCreatedResponse({ type: PaperSubmissionResultDto })
  paper(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: PaperSubmissionDto,
  ): Promise<PaperSubmissionResultDto> {
    return this.collection.paper(organizationId, evaluationId, dto);
  }
}
