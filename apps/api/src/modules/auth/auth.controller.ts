import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { Public, UserScope } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { AuthService } from './auth.service.js';
import { CsrfDto, LoginDto, SessionDto } from './dto/auth.dto.js';
import { CSRF_COOKIE, SessionService } from './session.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  @Get('csrf')
  @Public()
  @ApiOperation({ summary: 'Get the CSRF token to echo in X-CSRF-Token (also set as the regards_csrf cookie)' })
  @ApiOkResponse({ type: CsrfDto })
  csrf(@Req() req: Request, @Res({ passthrough: true }) res: Response): CsrfDto {
    const session = this.cls.get('session');
    if (session) return { csrfToken: session.csrfToken };
    const cookies = req.cookies as Record<string, string | undefined>;
    return { csrfToken: this.sessions.issueAnonymousCsrf(res, cookies[CSRF_COOKIE]) };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password' })
  @ApiOkResponse({ type: SessionDto })
  login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    return this.auth.login(dto.email, dto.password, this.cls.get('ip'), res);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End my session: the session cookie stops working at once, everywhere' })
  async logout(@Res({ passthrough: true }) res: Response): Promise<void> {
    const session = this.cls.get('session');
    const user = this.cls.get('user');
    if (session && user) await this.auth.logout(user.id, session.id, res);
    else this.sessions.clearCookies(res);
  }

  @Get('session')
  @UserScope()
  @ApiOperation({ summary: 'Who I am and where I belong' })
  @ApiOkResponse({ type: SessionDto })
  session(): Promise<SessionDto> {
    return this.auth.sessionView(this.cls.get('user')!.id);
  }
}
