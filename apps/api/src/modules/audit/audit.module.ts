import { Global, Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditService } from './audit.service.js';

/** The audit trail: every module records into it; workspace administrators read their log. */
@Global()
@Module({ controllers: [AuditEventsController], providers: [AuditService, AuditLogService], exports: [AuditService] })
export class AuditModule {}
