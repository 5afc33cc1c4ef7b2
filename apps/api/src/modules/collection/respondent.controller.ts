import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClsService } from 'nestjs-cls';
import { Public } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { MyAnswersDto, RespondentQueryDto, RespondentSubmissionDto, RespondentViewDto, SaveSubmissionDto, SavedSubmissionDto } from './dto/respondent.dto.js';
import { RespondentService } from './respondent.service.js';

/**
 * The respondent's side of a link (/r/:token): no account, the token is the key. Unknown,
 * revoked and expired tokens all get 404 link-invalid; a link whose evaluation is not collecting
 * gets 410 collection-closed with its dates.
 */
@ApiTags('respondent')
@Public()
@Controller('r/:token')
export class RespondentController {
  constructor(
    private readonly respondent: RespondentService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Open a link: the evaluation, the group, its anonymity, the questionnaire, and (personal links) the answers saved so far' })
  @ApiOkResponse({ type: RespondentViewDto })
  open(@Param('token') token: string, @Query() query: RespondentQueryDto): Promise<RespondentViewDto> {
    return this.respondent.open(token, query.locale ?? 'fr', this.cls.get('ip'));
  }

  @Get('submissions/:clientId')
  @ApiOperation({ summary: 'Resume what this link saved under a client id (shared and session links, on the same device)' })
  @ApiOkResponse({ type: RespondentSubmissionDto })
  resume(@Param('token') token: string, @Param('clientId') clientId: string): Promise<RespondentSubmissionDto> {
    return this.respondent.resume(token, clientId, this.cls.get('ip'));
  }

  @Put('submissions/:clientId')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Save answers under a client id: a partial (complete: false) or the submission (complete: true). Idempotent: a retry of the same submission answers the same; 422 invalid-answers with data.<question> paths and nothing stored when an answer is invalid',
  })
  @ApiOkResponse({ type: SavedSubmissionDto })
  save(@Param('token') token: string, @Param('clientId') clientId: string, @Body() dto: SaveSubmissionDto): Promise<SavedSubmissionDto> {
    return this.respondent.save(token, clientId, dto, this.cls.get('ip'));
  }

  @Get('my-answers')
  @ApiOperation({
    summary:
      'Personal links: what is kept about the respondent (the answers with their questionnaire, the name and consent kept with them), until the evaluation is closed; 410 answers-final after',
  })
  @ApiOkResponse({ type: MyAnswersDto })
  myAnswers(@Param('token') token: string, @Query() query: RespondentQueryDto): Promise<MyAnswersDto> {
    return this.respondent.myAnswers(token, query.locale ?? 'fr', this.cls.get('ip'));
  }

  @Delete('my-answers')
  @HttpCode(204)
  @ApiOperation({ summary: 'Personal links: erase the answers saved with this link, until the evaluation is closed (410 answers-final after). Idempotent' })
  @ApiNoContentResponse()
  async eraseMyAnswers(@Param('token') token: string): Promise<void> {
    await this.respondent.eraseMyAnswers(token, this.cls.get('ip'));
  }
}
