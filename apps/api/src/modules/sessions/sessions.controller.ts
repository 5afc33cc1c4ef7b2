import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../tenancy/access.decorator.js';
import { ConsensusAnswerDto, CreateSessionDto, PutConsensusDto, CollectiveSessionDto } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';

const FACILITATOR = { workspaceRole: 'facilitator' } as const;

/**
 * The facilitator's side of collective sessions. Facilitators only: a session's code lets anyone
 * in the room answer for the group, so it is not shown to viewers or to the organization.
 */
@ApiTags('sessions')
@Controller('workspaces/:workspaceId/organizations/:organizationId/evaluations/:evaluationId/sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'The evaluation’s collective sessions, latest first, with their live counts' })
  @ApiOkResponse({ type: [CollectiveSessionDto] })
  list(@Param('workspaceId') _w: string, @Param('organizationId') organizationId: string, @Param('evaluationId') evaluationId: string): Promise<CollectiveSessionDto[]> {
    return this.sessions.list(organizationId, evaluationId);
  }

  @Post()
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'Open a collective session for a group while the evaluation is collecting (409 evaluation-locked otherwise); returns its code' })
  @ApiCreatedResponse({ type: CollectiveSessionDto })
  open(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Body() dto: CreateSessionDto,
  ): Promise<CollectiveSessionDto> {
    return this.sessions.open(organizationId, evaluationId, dto);
  }

  @Get(':sessionId')
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'One session with its live counts (the session screen polls it)' })
  @ApiOkResponse({ type: CollectiveSessionDto })
  get(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('sessionId') sessionId: string,
  ): Promise<CollectiveSessionDto> {
    return this.sessions.get(organizationId, evaluationId, sessionId);
  }

  @Post(':sessionId/close')
  @HttpCode(200)
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'Close a session: nobody joins any more; who already joined may still finish (closing twice changes nothing)' })
  @ApiOkResponse({ type: CollectiveSessionDto })
  close(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('sessionId') sessionId: string,
  ): Promise<CollectiveSessionDto> {
    return this.sessions.close(organizationId, evaluationId, sessionId);
  }

  @Get(':sessionId/consensus')
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'The answers the group agreed on, with their reasons' })
  @ApiOkResponse({ type: [ConsensusAnswerDto] })
  consensus(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('sessionId') sessionId: string,
  ): Promise<ConsensusAnswerDto[]> {
    return this.sessions.consensus(organizationId, evaluationId, sessionId);
  }

  @Put(':sessionId/consensus/:questionKey')
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'Record or replace the group’s agreed answer to one question of its questionnaire (422 invalid-answers when the value does not fit the question)' })
  @ApiOkResponse({ type: ConsensusAnswerDto })
  putConsensus(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('sessionId') sessionId: string,
    @Param('questionKey') questionKey: string,
    @Body() dto: PutConsensusDto,
  ): Promise<ConsensusAnswerDto> {
    return this.sessions.putConsensus(organizationId, evaluationId, sessionId, questionKey, dto);
  }

  @Delete(':sessionId/consensus/:questionKey')
  @HttpCode(204)
  @Access(FACILITATOR)
  @ApiOperation({ summary: 'Remove the agreed answer to one question' })
  @ApiNoContentResponse()
  async removeConsensus(
    @Param('workspaceId') _w: string,
    @Param('organizationId') organizationId: string,
    @Param('evaluationId') evaluationId: string,
    @Param('sessionId') sessionId: string,
    @Param('questionKey') questionKey: string,
  ): Promise<void> {
    await this.sessions.removeConsensus(organizationId, evaluationId, sessionId, questionKey);
  }
}
