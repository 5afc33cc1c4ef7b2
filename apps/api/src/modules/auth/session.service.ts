import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { randomToken, sha256Hex } from './tokens.js';

export const SESSION_COOKIE = 'regards_session';
export const CSRF_COOKIE = 'regards_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface ActiveSession {
  id: string;
  csrfToken: string;
  user: { id: string; email: string; isPlatformAdmin: boolean };
}

/**
 * Server-side sessions: the cookie holds 256 random bits, the table only their SHA-256, so a
 * database leak gives no usable session. Each session has its own CSRF token.
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string, res: Response): Promise<{ id: string; csrfToken: string }> {
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO session (user_id, token_hash, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id`,
      [userId, sha256Hex(token), csrfToken, this.config.session.ttlHours],
    );
    const maxAge = this.config.session.ttlHours * 3600 * 1000;
    res.cookie(SESSION_COOKIE, token, { ...this.cookieBase(), httpOnly: true, maxAge });
    this.setCsrfCookie(res, csrfToken, maxAge);
    return { id: rows[0]!.id, csrfToken };
  }

  async find(token: string | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 100) return null;
    const rows = await this.dataSource.query<Array<{ id: string; csrf_token: string; user_id: string; email: string; is_platform_admin: boolean }>>(
      `SELECT s.id, s.csrf_token, u.id AS user_id, u.email, u.is_platform_admin
         FROM session s JOIN user_account u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [sha256Hex(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, csrfToken: row.csrf_token, user: { id: row.user_id, email: row.email, isPlatformAdmin: row.is_platform_admin } };
  }

  /** Ends one session at once: its row is deleted, so a copy of the cookie no longer works. */
  async destroy(sessionId: string, res: Response): Promise<void> {
    await this.dataSource.query(`DELETE FROM session WHERE id = $1`, [sessionId]);
    this.clearCookies(res);
  }

  /**
   * Ends every session of a user but `keepSessionId` (after a password change, or when an
   * administrator ends a member's sessions); returns how many ended.
   */
  async destroyOthers(userId: string, keepSessionId: string | null, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>(
      `WITH ended AS (DELETE FROM session WHERE user_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid) RETURNING id)
       SELECT count(*)::int AS n FROM ended`,
      [userId, keepSessionId],
    );
    return rows[0]!.n;
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM session WHERE expires_at <= now()`);
  }

  clearCookies(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { ...this.cookieBase(), httpOnly: true });
  }

  /** The double-submit token for requests made before login (the login itself). */
  issueAnonymousCsrf(res: Response, existing: string | undefined): string {
    const token = existing && /^[A-Za-z0-9_-]{22,64}$/.test(existing) ? existing : randomToken(32);
    this.setCsrfCookie(res, token, 24 * 3600 * 1000);
    return token;
  }

  private setCsrfCookie(res: Response, token: string, maxAge: number): void {
    // Readable by the web app, which echoes it in the X-CSRF-Token header.
    res.cookie(CSRF_COOKIE, token, { ...this.cookieBase(), httpOnly: false, maxAge });
  }

  private cookieBase() {
    return { sameSite: 'lax' as const, secure: this.config.session.cookieSecure, path: '/' };
  }
}
