import { Global, Module } from '@nestjs/common';
import { PasswordService } from './password.service.js';
import { RateLimiterService } from './rate-limiter.service.js';
import { SecurityMaintenanceService } from './security-maintenance.service.js';
import { SessionService } from './session.service.js';

/** Password hashing, sessions and rate limits: used by accounts, auth and invitations. */
@Global()
@Module({
  providers: [PasswordService, SessionService, RateLimiterService, SecurityMaintenanceService],
  exports: [PasswordService, SessionService, RateLimiterService],
})
export class SecurityModule {}
