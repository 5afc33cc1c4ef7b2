import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ORGANIZATION_ROLES, type OrganizationRole } from '#domain';
import { OptionalText, Text } from '../../../common/validators.js';

export class DeletionRequestDto {
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the user who asked (null once that account is gone)' }) requestedBy!: string | null;
  @ApiProperty() reason!: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) legalForm!: string | null;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ description: 'a logo was uploaded (GET …/logo); it is printed on the cover of the reports' }) hasLogo!: boolean;
  @ApiProperty({ type: DeletionRequestDto, nullable: true, description: 'the organization asked for all its data to be deleted; a workspace admin carries it out' })
  deletionRequest!: DeletionRequestDto | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CreateOrganizationDto {
  @Text(200, { example: 'La Ressourcerie du Vallon' })
  name!: string;

  @OptionalText(120, { example: 'Association loi 1901' })
  legalForm?: string | null;

  @OptionalText(120, { example: 'Die' })
  city?: string | null;

  @OptionalText(5000)
  description?: string | null;
}

export class UpdateOrganizationDto {
  @Text(200, { optional: true })
  name?: string;

  @OptionalText(120)
  legalForm?: string | null;

  @OptionalText(120)
  city?: string | null;

  @OptionalText(5000)
  description?: string | null;
}

export class OrganizationMemberDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ORGANIZATION_ROLES }) role!: OrganizationRole;
}

export class UpdateOrganizationMemberDto {
  @ApiProperty({ enum: ORGANIZATION_ROLES })
  @IsIn(ORGANIZATION_ROLES, { message: `role must be one of ${ORGANIZATION_ROLES.join(', ')}` })
  role!: OrganizationRole;
}
