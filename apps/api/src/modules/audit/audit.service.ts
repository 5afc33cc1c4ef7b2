import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantContext } from '../tenancy/tenant-context.service.js';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  /** defaults to the request's workspace, if any */
  workspaceId?: string | null;
  /** defaults to the request's user, if any */
  actorUserId?: string | null;
}

/** Appends to the audit trail, inside the caller's transaction when given one. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
  ) {}

  async record(input: AuditInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (workspace_id, actor_user_id, action, target_type, target_id, data) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        input.workspaceId !== undefined ? input.workspaceId : this.tenant.workspaceIdOrNull,
        input.actorUserId !== undefined ? input.actorUserId : this.tenant.userIdOrNull,
        input.action,
        input.targetType ?? null,
        input.targetId ?? null,
        JSON.stringify(input.data ?? {}),
      ],
    );
  }
}
