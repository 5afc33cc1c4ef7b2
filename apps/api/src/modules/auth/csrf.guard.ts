import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import { AppException } from '../../common/app.exception.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { CSRF_COOKIE, CSRF_HEADER } from './session.service.js';
import { safeEqual } from './tokens.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request carries X-CSRF-Token. With a session, it must equal the
 * session's own token (synchronizer token); before login, it must equal the regards_csrf
 * cookie (double submit). Runs after AuthGuard, which loaded the session.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly cls: ClsService<RequestScope>) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const header = req.get(CSRF_HEADER);
    if (!header) throw new AppException('csrf-failed', 'Missing X-CSRF-Token header: read the regards_csrf cookie (GET /api/v1/auth/csrf sets it) and send it back.');
    const session = this.cls.get('session');
    const cookies = req.cookies as Record<string, string | undefined>;
    const expected = session ? session.csrfToken : cookies[CSRF_COOKIE];
    if (!expected || !safeEqual(header, expected)) {
      throw new AppException('csrf-failed', 'The X-CSRF-Token header does not match this session; reload the page and try again.');
    }
    return true;
  }
}
