import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RateLimiterService } from './rate-limiter.service.js';
import { SessionService } from './session.service.js';

const EVERY_HOUR = 60 * 60 * 1000;

/** Deletes expired sessions and rate-limit windows once an hour. */
@Injectable()
export class SecurityMaintenanceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SecurityMaintenance');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: SessionService,
    private readonly rateLimiter: RateLimiterService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), EVERY_HOUR);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(): Promise<void> {
    try {
      await this.sessions.purgeExpired();
      await this.rateLimiter.purgeExpired();
    } catch (error) {
      this.logger.warn(`purge of expired sessions failed: ${(error as Error).message}`);
    }
  }
}
