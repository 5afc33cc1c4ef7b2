import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../tenancy/access.decorator.js';
import { AuditLogService } from './audit-log.service.js';
import { AuditEventListDto, AuditEventsQueryDto } from './dto/audit-event.dto.js';

@ApiTags('audit')
@Controller('workspaces/:workspaceId/audit-events')
export class AuditEventsController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Access({ workspaceRole: 'admin' })
  @ApiOperation({ summary: 'The audit log of the workspace, newest first (administrators)' })
  @ApiOkResponse({ type: AuditEventListDto })
  list(@Param('workspaceId') _workspaceId: string, @Query() query: AuditEventsQueryDto): Promise<AuditEventListDto> {
    return this.auditLog.list(query);
  }
}
