import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';
import { WORK_RETRY_AFTER_SECONDS, WorkLimiter } from './work-limiter.js';

/** The one limiter of expensive work (exports, analyses) of this process, under this token. */
export const EXPENSIVE_WORK = Symbol('EXPENSIVE_WORK');

/**
 * Provides the limiter that exports and analyses share: the modules that import it get the same
 * instance, so their requests count against the same slots (EXPENSIVE_WORK_CONCURRENCY) and the
 * same line (EXPENSIVE_WORK_QUEUE, EXPENSIVE_WORK_WAIT_SECONDS). Submissions never go through it.
 */
@Module({
  providers: [
    {
      provide: EXPENSIVE_WORK,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new WorkLimiter({
          concurrency: config.expensiveWork.concurrency,
          queue: config.expensiveWork.queue,
          maxWaitMs: config.expensiveWork.maxWaitSeconds * 1000,
          retryAfterSeconds: WORK_RETRY_AFTER_SECONDS,
        }),
    },
  ],
  exports: [EXPENSIVE_WORK],
})
export class WorkLimiterModule {}
