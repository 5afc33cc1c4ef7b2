import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { PasswordService } from '../auth/password.service.js';
import { RateLimiterService } from '../auth/rate-limiter.service.js';
import { SessionService } from '../auth/session.service.js';
import type { ChangePasswordDto, UpdateAccountDto, UserDto } from './dto/user.dto.js';
import { UserEntity } from './user.entity.js';

export function toUserDto(user: UserEntity): UserDto {
  return { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale, isPlatformAdmin: user.isPlatformAdmin };
}

export function normaliseEmailAddress(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly rateLimiter: RateLimiterService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { email: normaliseEmailAddress(email) });
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.dataSource.manager.findOneBy(UserEntity, { id });
    if (!user) throw AppException.notFound('user');
    return user;
  }

  async create(
    input: { email: string; displayName: string; password: string; locale?: 'fr' | 'en'; isPlatformAdmin?: boolean },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<UserEntity> {
    const passwordHash = await this.passwords.hash(input.password);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        email: normaliseEmailAddress(input.email),
        displayName: input.displayName,
        passwordHash,
        locale: input.locale ?? 'fr',
        isPlatformAdmin: input.isPlatformAdmin ?? false,
      })
      .orIgnore()
      .returning('*')
      .execute();
    const raw = result.raw as Array<{ id: string }>;
    if (raw.length === 0) throw new AppException('conflict', 'An account with this e-mail already exists.', [
      { path: 'email', code: 'taken', message: 'an account with this e-mail already exists' },
    ]);
    return manager.findOneByOrFail(UserEntity, { id: raw[0]!.id });
  }

  async updateProfile(userId: string, dto: UpdateAccountDto): Promise<UserEntity> {
    const patch: Partial<UserEntity> = {};
    if (dto.displayName !== undefined && dto.displayName !== null) patch.displayName = dto.displayName;
    if (dto.locale !== undefined) patch.locale = dto.locale;
    if (Object.keys(patch).length > 0) await this.dataSource.manager.update(UserEntity, { id: userId }, patch);
    return this.get(userId);
  }

  /**
   * Changes the password and, in the same transaction, ends every other session of the user;
   * the current one stays. Throttled like the login (the same limits): every attempt counts per
   * IP and wrong current passwords count per account, so a stolen session cannot guess the
   * password.
   */
  async changePassword(userId: string, currentSessionId: string | null, ip: string | undefined, dto: ChangePasswordDto): Promise<void> {
    const windowSeconds = this.config.login.windowMinutes * 60;
    const ipKey = `password-change:ip:${ip ?? 'unknown'}`;
    const accountKey = `password-change:account:${userId}`;
    const ipState = await this.rateLimiter.hit(ipKey, windowSeconds);
    if (ipState.hits > this.config.login.maxAttemptsPerIp) throw tooManyPasswordAttempts(ipState.retryAfterSeconds);
    const accountState = await this.rateLimiter.peek(accountKey);
    if (accountState.hits >= this.config.login.maxFailuresPerAccount) throw tooManyPasswordAttempts(accountState.retryAfterSeconds);

    const user = await this.get(userId);
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      await this.rateLimiter.hit(accountKey, windowSeconds);
      await this.audit.record({ action: 'account.password-change-failed', targetType: 'user', targetId: userId, workspaceId: null });
      throw new AppException('wrong-password', 'The current password is wrong.', [
        { path: 'currentPassword', code: 'wrong-password', message: 'the current password is wrong' },
      ]);
    }
    await this.rateLimiter.reset(accountKey);
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: userId }, { passwordHash });
      const sessionsEnded = await this.sessions.destroyOthers(userId, currentSessionId, manager);
      await this.audit.record({ action: 'account.password-changed', targetType: 'user', targetId: userId, workspaceId: null, data: { sessionsEnded } }, manager);
    });
  }

  /**
   * Signs the user out of their other devices: ends every session of theirs but the one they act
   * from, in one transaction with its audit event (the same path as a password change). Every call
   * counts per IP, with the password change's limit; not per account, so someone holding a copy of
   * the cookie cannot use up the owner's attempts and keep them from ending that copy.
   */
  async endOtherSessions(userId: string, currentSessionId: string, ip: string | undefined): Promise<{ sessionsEnded: number }> {
    const ipState = await this.rateLimiter.hit(`end-other-sessions:ip:${ip ?? 'unknown'}`, this.config.login.windowMinutes * 60);
    if (ipState.hits > this.config.login.maxAttemptsPerIp) {
      const minutes = Math.max(1, Math.ceil(ipState.retryAfterSeconds / 60));
      throw new AppException('too-many-attempts', `Too many requests to end sessions; try again in ${minutes} minute(s).`, undefined, {
        retryAfterSeconds: ipState.retryAfterSeconds,
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const sessionsEnded = await this.sessions.destroyOthers(userId, currentSessionId, manager);
      await this.audit.record({ action: 'account.sessions-ended', targetType: 'user', targetId: userId, workspaceId: null, data: { sessionsEnded } }, manager);
      return { sessionsEnded };
    });
  }
}

function tooManyPasswordAttempts(retryAfterSeconds: number): AppException {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppException('too-many-attempts', `Too many password change attempts; try again in ${minutes} minute(s).`, undefined, { retryAfterSeconds });
}
