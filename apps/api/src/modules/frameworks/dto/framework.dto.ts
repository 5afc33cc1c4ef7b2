import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import type { FrameworkContent, VersionDiff } from '#domain';
import { Text } from '../../../common/validators.js';

export class VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: 'draft' | 'published';
  @ApiProperty({ type: String, nullable: true }) contentHash!: string | null;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: Date, nullable: true }) publishedAt!: Date | null;
  @ApiProperty() updatedAt!: Date;
}

export class FrameworkSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'set for the shipped default framework' }) builtinKey!: string | null;
  @ApiProperty({ type: String, nullable: true }) originFrameworkId!: string | null;
  @ApiProperty({ type: String, nullable: true }) originAttribution!: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'when it was shared in the commons' }) sharedAt!: Date | null;
  @ApiProperty({ type: VersionSummaryDto, nullable: true }) latestPublished!: VersionSummaryDto | null;
  @ApiProperty({ type: VersionSummaryDto, nullable: true }) draft!: VersionSummaryDto | null;
  @ApiProperty() updatedAt!: Date;
}

export class FrameworkDetailDto extends FrameworkSummaryDto {
  @ApiProperty({ type: [VersionSummaryDto] }) versions!: VersionSummaryDto[];
}

export class FrameworkVersionDto extends VersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) frameworkId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'framework content, format version 1 (docs/framework-format.md)' })
  content!: FrameworkContent;
}

export class PublishResultDto {
  @ApiProperty({ type: FrameworkVersionDto }) version!: FrameworkVersionDto;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'changes since the previous published version' })
  diff!: VersionDiff | null;
}

export class DiffDto {
  @ApiProperty({ format: 'uuid' }) from!: string;
  @ApiProperty({ format: 'uuid' }) to!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) diff!: VersionDiff;
}

export class CreateFrameworkDto {
  @Text(200, { example: 'Notre référentiel' })
  name!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'initial content; a one-question skeleton when absent' })
  @IsOptional()
  @IsObject({ message: 'content must be a framework object (docs/framework-format.md)' })
  content?: Record<string, unknown>;
}

export class UpdateFrameworkDto {
  @Text(200)
  name!: string;
}

export class ImportFrameworkDto {
  @ApiProperty({ enum: ['regards', 'surveyjs'], description: 'regards: the framework format; surveyjs: a SurveyJS questionnaire, whatever its origin' })
  @IsIn(['regards', 'surveyjs'], { message: 'format must be regards or surveyjs' })
  format!: 'regards' | 'surveyjs';

  @Text(200, { optional: true, description: 'defaults to the document title' })
  name?: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject({ message: 'document must be a JSON object' })
  document!: Record<string, unknown>;
}

export class SaveDraftDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject({ message: 'content must be a framework object (docs/framework-format.md)' })
  content!: Record<string, unknown>;

  @ApiProperty({ description: 'the revision this edit is based on; a stale one is refused (409 stale-revision)' })
  @IsInt({ message: 'revision must be an integer' })
  @Min(1)
  @Max(2_000_000_000)
  revision!: number;
}

export class CommonsFrameworkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the network that shares it' }) workspaceName!: string;
  @ApiProperty() licence!: string;
  @ApiProperty() sharedAt!: Date;
  @ApiProperty({ type: VersionSummaryDto }) latestPublished!: VersionSummaryDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) title!: { fr: string; en?: string };
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) description!: { fr: string; en?: string } | null;
  @ApiProperty() dimensionCount!: number;
  @ApiProperty() questionCount!: number;
}
