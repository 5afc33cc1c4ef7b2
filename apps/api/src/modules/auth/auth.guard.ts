import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { AppException } from '../../common/app.exception.js';
import { SCOPE_KEY, type RouteScope } from '../tenancy/access.decorator.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { SESSION_COOKIE, SessionService } from './session.service.js';

/** Identifies the caller from the session cookie; every route but @Public() ones needs one. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const scope = this.reflector.getAllAndOverride<RouteScope | undefined>(SCOPE_KEY, [context.getHandler(), context.getClass()]);
    const cookies = req.cookies as Record<string, string | undefined>;
    const token = cookies[SESSION_COOKIE];
    this.cls.set('ip', req.ip);
    const session = token ? await this.sessions.find(token) : null;
    if (session) {
      this.cls.set('user', session.user);
      this.cls.set('session', { id: session.id, csrfToken: session.csrfToken });
    } else if (token) {
      // An expired or forged cookie: drop it so the browser stops sending it.
      this.sessions.clearCookies(res);
    }
    if (scope === 'public') return true;
    if (!session) {
      throw new AppException('unauthenticated', token ? 'Your session has expired or is invalid; log in again.' : 'Log in first.');
    }
    return true;
  }
}
