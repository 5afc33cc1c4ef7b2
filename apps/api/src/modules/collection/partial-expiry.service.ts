import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PARTIAL_RETENTION_DAYS } from '#domain';

const EVERY_HOUR = 60 * 60 * 1000;

/**
 * Deletes, once an hour, the partial submissions nobody touched for PARTIAL_RETENTION_DAYS: they
 * never count in results, and answers people abandoned are not kept longer than needed. Their
 * answer rows go with them (ON DELETE CASCADE).
 */
@Injectable()
export class PartialExpiryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PartialExpiry');
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), EVERY_HOUR);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes the expired partial submissions; returns how many. */
  async purgeExpiredPartials(): Promise<number> {
    const rows = await this.dataSource.query<Array<{ deleted: number }>>(
      `WITH expired AS (
         DELETE FROM submission WHERE status = 'partial' AND updated_at < now() - make_interval(days => $1) RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM expired`,
      [PARTIAL_RETENTION_DAYS],
    );
    return rows[0]?.deleted ?? 0;
  }

  private async run(): Promise<void> {
    try {
      const deleted = await this.purgeExpiredPartials();
      if (deleted > 0) this.logger.log(`deleted ${deleted} partial submissions untouched for ${PARTIAL_RETENTION_DAYS} days`);
    } catch (error) {
      this.logger.warn(`purge of expired partial submissions failed: ${(error as Error).message}`);
    }
  }
}
