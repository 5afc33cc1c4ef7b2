import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AuditDetails } from '../audit-details.js';

export const AUDIT_PAGE = { default: 50, max: 200 } as const;

const integerString = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

export class AuditEventsQueryDto {
  @ApiPropertyOptional({ description: 'events whose action starts with this, e.g. "membership." or "invitation.created"', example: 'membership.' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(/^[a-z][a-z0-9.-]*$/, { message: 'action must be an action or its beginning, such as membership. or invitation.created (lower case letters, digits, dots and dashes)' })
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'events done by this person, or about them' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  @ApiPropertyOptional({ description: 'from this instant on (inclusive): an ISO 8601 date-time, or a date (midnight UTC)', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or date-time, such as 2026-11-01 or 2026-11-01T08:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ description: 'before this instant (exclusive): an ISO 8601 date-time, or a date (midnight UTC)', example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or date-time, such as 2026-12-01 or 2026-12-01T08:00:00Z' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: AUDIT_PAGE.max, default: AUDIT_PAGE.default })
  @IsOptional()
  @Transform(integerString)
  @IsInt({ message: `limit must be a whole number from 1 to ${AUDIT_PAGE.max}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${AUDIT_PAGE.max}` })
  @Max(AUDIT_PAGE.max, { message: `limit must be a whole number from 1 to ${AUDIT_PAGE.max}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AuditActorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class AuditTargetDto {
  @ApiProperty({ description: 'user, organization, evaluation, framework, invitation, collective_session, collection_link, submission, verbatim_theme, workspace…' })
  type!: string;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'its current name, or the one recorded with the event when it no longer exists' })
  label!: string | null;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ example: 'membership.role-changed' }) action!: string;
  @ApiProperty({ type: AuditActorDto, nullable: true, description: 'null: done without an account (a respondent) or by the system' })
  actor!: AuditActorDto | null;
  @ApiProperty({ type: AuditTargetDto, nullable: true }) target!: AuditTargetDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'what the event recorded that may be shown (roles, names, counts); never answers, free texts about answers, codes or IP addresses',
  })
  details!: AuditDetails;
}

export class AuditEventListDto {
  @ApiProperty({ type: [AuditEventDto], description: 'newest first' }) items!: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last one' }) nextCursor!: string | null;
}
