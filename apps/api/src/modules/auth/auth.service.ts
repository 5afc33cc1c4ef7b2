import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AppException } from '../../common/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { toUserDto, UsersService } from '../users/users.service.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import type { SessionDto } from './dto/auth.dto.js';
import { PasswordService } from './password.service.js';
import { RateLimiterService } from './rate-limiter.service.js';
import { SessionService } from './session.service.js';
import { sha256Hex } from './tokens.js';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly rateLimiter: RateLimiterService,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Throttled per IP (every attempt counts) and per account (failures count); an unknown
   * e-mail and a wrong password get the same answer after the same argon2 work.
   */
  async login(email: string, password: string, ip: string | undefined, res: Response): Promise<SessionDto> {
    const windowSeconds = this.config.login.windowMinutes * 60;
    const ipKey = `login:ip:${ip ?? 'unknown'}`;
    const accountKey = `login:account:${sha256Hex(email)}`;
    const ipState = await this.rateLimiter.hit(ipKey, windowSeconds);
    if (ipState.hits > this.config.login.maxAttemptsPerIp) throw this.tooMany(ipState.retryAfterSeconds);
    const accountState = await this.rateLimiter.peek(accountKey);
    if (accountState.hits >= this.config.login.maxFailuresPerAccount) throw this.tooMany(accountState.retryAfterSeconds);

    const user = await this.users.findByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash, password);
    if (!ok || !user) {
      await this.rateLimiter.hit(accountKey, windowSeconds);
      await this.audit.record({ action: 'auth.login-failed', workspaceId: null, actorUserId: user?.id ?? null, data: { ip: ip ?? null } });
      throw new AppException('invalid-credentials', 'Wrong e-mail or password.');
    }
    await this.rateLimiter.reset(accountKey);
    await this.startSession(user.id, res);
    await this.audit.record({ action: 'auth.login', workspaceId: null, actorUserId: user.id, targetType: 'user', targetId: user.id });
    return this.sessionView(user.id);
  }

  /** Deletes the session row (a replayed cookie finds nothing) and clears the cookie. */
  async logout(userId: string, sessionId: string, res: Response): Promise<void> {
    await this.sessions.destroy(sessionId, res);
    await this.audit.record({ action: 'auth.logout', workspaceId: null, actorUserId: userId, targetType: 'user', targetId: userId });
  }

  async startSession(userId: string, res: Response): Promise<void> {
    await this.sessions.create(userId, res);
  }

  async sessionView(userId: string): Promise<SessionDto> {
    const user = await this.users.get(userId);
    return { user: toUserDto(user), workspaces: await this.workspaces.listForUser(userId) };
  }

  private tooMany(retryAfterSeconds: number): AppException {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new AppException('too-many-attempts', `Too many login attempts; try again in ${minutes} minute(s).`, undefined, { retryAfterSeconds });
  }
}
