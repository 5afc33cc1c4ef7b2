import { Body, Controller, Header, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClsService } from 'nestjs-cls';
import { Public } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { JoinedSessionDto, JoinSessionDto } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';

/** Where participants join a session with its code: no account, CSRF as for every POST. */
@ApiTags('sessions')
@Public()
@Controller('s')
export class JoinSessionController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  @Post('join')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Join an open session by its code: issues a link of your own (open /r/<token>); 404 session-not-found for a wrong or closed code, 429 after too many wrong codes',
  })
  @ApiCreatedResponse({ type: JoinedSessionDto })
  join(@Body() dto: JoinSessionDto): Promise<JoinedSessionDto> {
    return this.sessions.join(dto.code, dto.kiosk ?? false, this.cls.get('ip'));
  }
}
