import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ORGANIZATION_ROLES, WORKSPACE_ROLES, type OrganizationRole, type WorkspaceRole } from '#domain';
import { normaliseEmail, OptionalText } from '../../../common/validators.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password.service.js';

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: [...WORKSPACE_ROLES, ...ORGANIZATION_ROLES] }) role!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId!: string | null;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class CreatedInvitationDto extends InvitationDto {
  @ApiProperty({ description: 'The link to send; shown once, only its hash is kept' }) link!: string;
  @ApiProperty({ description: 'True when it was sent by e-mail' }) emailed!: boolean;
}

class InviteeEmail {
  @ApiProperty({ example: 'camille@example.org' })
  @Transform(({ value }) => normaliseEmail(value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email!: string;
}

export class CreateWorkspaceInvitationDto extends InviteeEmail {
  @ApiProperty({ enum: WORKSPACE_ROLES })
  @IsIn(WORKSPACE_ROLES, { message: `role must be one of ${WORKSPACE_ROLES.join(', ')}` })
  role!: WorkspaceRole;
}

export class CreateOrganizationInvitationDto extends InviteeEmail {
  @ApiProperty({ enum: ORGANIZATION_ROLES })
  @IsIn(ORGANIZATION_ROLES, { message: `role must be one of ${ORGANIZATION_ROLES.join(', ')}` })
  role!: OrganizationRole;
}

export class InvitationPreviewDto {
  @ApiProperty() email!: string;
  @ApiProperty() role!: string;
  @ApiProperty() workspaceName!: string;
  @ApiProperty({ type: String, nullable: true }) organizationName!: string | null;
  @ApiProperty() accountExists!: boolean;
  @ApiProperty() expiresAt!: Date;
}

export class AcceptInvitationDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{10,100}$/, { message: 'token must be the code from the invitation link' })
  token!: string;

  @OptionalText(120, { description: 'Required when creating an account' })
  displayName?: string;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, description: 'Required when creating an account' })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password?: string;
}
