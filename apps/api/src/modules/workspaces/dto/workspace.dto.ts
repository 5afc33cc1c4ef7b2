import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ORGANIZATION_ROLES, WORKSPACE_ROLES, type OrganizationRole, type WorkspaceRole } from '#domain';
import { Text } from '../../../common/validators.js';

export class WorkspaceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: WORKSPACE_ROLES, nullable: true, description: 'null: member of some organizations only' })
  role!: WorkspaceRole | null;
}

export class SessionOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role!: OrganizationRole;
}

export class SessionWorkspaceDto extends WorkspaceDto {
  @ApiProperty({ type: [SessionOrganizationDto] }) organizations!: SessionOrganizationDto[];
}

export class CreateWorkspaceDto {
  @Text(200, { example: 'Réseau ESS du Vallon' })
  name!: string;
}

export class UpdateWorkspaceDto {
  @Text(200)
  name!: string;
}

export class WorkspaceMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: WORKSPACE_ROLES }) role!: WorkspaceRole;
}

export class UpdateWorkspaceMemberDto {
  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES, { message: `role must be one of ${WORKSPACE_ROLES.join(', ')}` })
  role!: WorkspaceRole;
}

export class EndedSessionsDto {
  @ApiProperty({ description: 'How many sessions ended' }) sessionsEnded!: number;
}
