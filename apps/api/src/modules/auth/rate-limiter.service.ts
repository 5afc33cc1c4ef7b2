import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateLimitState {
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL (table rate_limit_bucket): one upsert per hit, so every
 * API replica sees the same counts.
 */
@Injectable()
export class RateLimiterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one hit on `key` and returns the count in the current window. */
  async hit(key: string, windowSeconds: number): Promise<RateLimitState> {
    const rows = await this.dataSource.query<Array<{ hits: number; retry: number }>>(
      `INSERT INTO rate_limit_bucket AS b (key, hits, window_ends_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_ends_at <= now() THEN 1 ELSE b.hits + 1 END,
         window_ends_at = CASE WHEN b.window_ends_at <= now() THEN now() + make_interval(secs => $2) ELSE b.window_ends_at END
       RETURNING hits, CEIL(EXTRACT(EPOCH FROM (window_ends_at - now())))::int AS retry`,
      [key, windowSeconds],
    );
    return { hits: rows[0]!.hits, retryAfterSeconds: Math.max(1, rows[0]!.retry) };
  }

  /** The current count on `key` without adding to it. */
  async peek(key: string): Promise<RateLimitState> {
    const rows = await this.dataSource.query<Array<{ hits: number; retry: number }>>(
      `SELECT hits, CEIL(EXTRACT(EPOCH FROM (window_ends_at - now())))::int AS retry
         FROM rate_limit_bucket WHERE key = $1 AND window_ends_at > now()`,
      [key],
    );
    return rows[0] ? { hits: rows[0].hits, retryAfterSeconds: Math.max(1, rows[0].retry) } : { hits: 0, retryAfterSeconds: 0 };
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key = $1`, [key]);
  }

  /** Drops expired windows; called from time to time. */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_bucket WHERE window_ends_at <= now()`);
  }
}
