import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LOCALES, STAKEHOLDER_GROUP_KEYS, type Locale, type StakeholderGroupKey } from '#domain';
import { OptionalText, Text } from '../../../common/validators.js';
import {
  REPORT_LIMITS,
  REPORT_SECTION_KINDS,
  RENDER_KINDS,
  RENDER_STATUSES,
  VALIDATION_CAPACITIES,
  type RenderKind,
  type RenderStatus,
  type ReportSectionKind,
  type ValidationCapacity,
} from '../report-sections.js';

const localeMessage = `locale must be one of ${LOCALES.join(', ')}`;
const groupKeyMessage = `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}, or null`;
const REVISION_MAX = 1_000_000_000;

export class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class TestimonyDto {
  @Text(REPORT_LIMITS.testimonyText, { description: 'the words of the testimony, as written with the person' })
  text!: string;

  @OptionalText(REPORT_LIMITS.testimonyName, { description: 'who speaks; only with consent = true (null: not named)' })
  name!: string | null;

  @ApiPropertyOptional({ type: String, enum: STAKEHOLDER_GROUP_KEYS, nullable: true, description: 'the group the person belongs to, said instead of a name' })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey!: StakeholderGroupKey | null;

  @ApiProperty({ description: 'the person agreed to be named' })
  @IsBoolean({ message: 'consent must be true or false' })
  consent!: boolean;
}

export class ActionDto {
  @Text(REPORT_LIMITS.recommendation, { description: 'what will be done' })
  recommendation!: string;

  @Text(REPORT_LIMITS.who, { min: 0, description: 'who carries it' })
  who!: string;

  @Text(REPORT_LIMITS.when, { min: 0, description: 'when, in words (« d’ici juin 2027 »)' })
  when!: string;
}

export class SectionDto {
  @ApiProperty({ description: "'summary', 'context', 'dimension:<dimensionKey>', 'crossed', 'action-plan' or 'conclusion'" }) key!: string;
  @ApiProperty({ enum: REPORT_SECTION_KINDS }) kind!: ReportSectionKind;
  @ApiProperty({ description: 'the default title in the report’s language until someone changes it' }) title!: string;
  @ApiProperty({ description: 'markdown, as written; never rendered as HTML by the API', maxLength: REPORT_LIMITS.narrative }) narrative!: string;
  @ApiProperty({ description: 'starts at 1, +1 on each accepted save: the baseVersion of the next save' }) version!: number;
  @ApiProperty({ type: [String], description: 'chart ids of the analysis (dashboardCharts), in the order shown' }) charts!: string[];
  @ApiProperty({ type: [String], description: 'answer ids of the evaluation’s selected stories quoted here' }) stories!: string[];
  @ApiProperty({ type: [TestimonyDto] }) testimonies!: TestimonyDto[];
  @ApiProperty({ type: [ActionDto], description: "the action plan's rows ('action-plan' only, else [])" }) actions!: ActionDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: Date | null;
  @ApiProperty({ type: UserRefDto, nullable: true }) updatedBy!: UserRefDto | null;
}

export class ValidationDto {
  @ApiProperty({ enum: VALIDATION_CAPACITIES }) capacity!: ValidationCapacity;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() userName!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'date-time' }) at!: Date;
}

export class ValidationsDto {
  @ApiProperty({ type: ValidationDto, nullable: true }) facilitator!: ValidationDto | null;
  @ApiProperty({ type: ValidationDto, nullable: true }) contact!: ValidationDto | null;
}

export class RenderDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RENDER_KINDS }) kind!: RenderKind;
  @ApiProperty({ description: 'the report revision laid out' }) revision!: number;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty({ enum: RENDER_STATUSES }) status!: RenderStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: String, nullable: true, description: 'why it failed, in words' }) error!: string | null;
  @ApiProperty({ type: Number, nullable: true }) pages!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sizeBytes!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: Date | null;
}

export class VersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '1, 2, … in the report' }) number!: number;
  @ApiProperty() revision!: number;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty({ description: 'SHA-256 of the PDF bytes, hex' }) sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() pages!: number;
  @ApiProperty({ format: 'date-time' }) validatedAt!: Date;
  @ApiProperty({ type: [String], description: 'the names of who validated it' }) validatedBy!: string[];
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) evaluationId!: string;
  @ApiProperty({ enum: LOCALES, description: 'the language the report renders in' }) locale!: Locale;
  @ApiProperty({ description: '+1 on every accepted change to a section or to the locale' }) revision!: number;
  @ApiProperty({ type: [SectionDto] }) sections!: SectionDto[];
  @ApiProperty({ type: ValidationsDto, description: 'only the validations of the current revision' }) validations!: ValidationsDto;
  @ApiProperty({ type: RenderDto, nullable: true, description: 'the latest render (draft or final)' }) latestRender!: RenderDto | null;
  @ApiProperty({ type: [VersionDto], description: 'validated versions, newest first' }) versions!: VersionDto[];
}

export class SectionHistoryDto {
  @ApiProperty({ description: 'the version this save made' }) version!: number;
  @ApiProperty({ format: 'date-time' }) at!: Date;
  @ApiProperty({ type: UserRefDto, nullable: true }) user!: UserRefDto | null;
  @ApiProperty({ type: [String], description: 'the fields this save changed' }) fields!: string[];
}

export class PutReportDto {
  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES, { message: localeMessage })
  locale!: Locale;

  @ApiProperty({ description: 'the revision the change starts from (ReportDto.revision)' })
  @IsInt({ message: 'baseRevision must be a whole number' })
  @Min(1, { message: 'baseRevision must be at least 1' })
  @Max(REVISION_MAX)
  baseRevision!: number;
}

export class SaveSectionDto {
  @ApiProperty({ description: 'the version of the section the change starts from (SectionDto.version)' })
  @IsInt({ message: 'baseVersion must be a whole number' })
  @Min(1, { message: 'baseVersion must be at least 1' })
  @Max(REVISION_MAX)
  baseVersion!: number;

  @OptionalText(REPORT_LIMITS.title, { description: 'null or empty: the default title' })
  title?: string | null;

  @Text(REPORT_LIMITS.narrative, { min: 0, optional: true, description: 'markdown, stored as written' })
  narrative?: string;

  @ApiPropertyOptional({ type: [String], maxItems: REPORT_LIMITS.charts, description: 'chart ids of the analysis, in the order shown' })
  @IsOptional()
  @IsArray({ message: 'charts must be an array of chart ids' })
  @ArrayMaxSize(REPORT_LIMITS.charts, { message: `charts must have at most ${REPORT_LIMITS.charts} charts` })
  @ArrayUnique({ message: 'charts must not list a chart twice' })
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { each: true, message: 'each chart id is letters, digits, - and _' })
  charts?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: REPORT_LIMITS.stories, description: 'answer ids of selected stories' })
  @IsOptional()
  @IsArray({ message: 'stories must be an array of story ids' })
  @ArrayMaxSize(REPORT_LIMITS.stories, { message: `stories must have at most ${REPORT_LIMITS.stories} stories` })
  @ArrayUnique({ message: 'stories must not list a story twice' })
  @Matches(/^[1-9]\d{0,17}$/, { each: true, message: 'each story id is the id of a verbatim (digits)' })
  stories?: string[];

  @ApiPropertyOptional({ type: [TestimonyDto], maxItems: REPORT_LIMITS.testimonies })
  @IsOptional()
  @IsArray({ message: 'testimonies must be an array' })
  @ArrayMaxSize(REPORT_LIMITS.testimonies, { message: `testimonies must have at most ${REPORT_LIMITS.testimonies} testimonies` })
  @ValidateNested({ each: true })
  @Type(() => TestimonyDto)
  testimonies?: TestimonyDto[];

  @ApiPropertyOptional({ type: [ActionDto], maxItems: REPORT_LIMITS.actions })
  @IsOptional()
  @IsArray({ message: 'actions must be an array' })
  @ArrayMaxSize(REPORT_LIMITS.actions, { message: `actions must have at most ${REPORT_LIMITS.actions} rows` })
  @ValidateNested({ each: true })
  @Type(() => ActionDto)
  actions?: ActionDto[];
}

export class CreateRenderDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'the report’s language unless given' })
  @IsOptional()
  @IsIn(LOCALES, { message: localeMessage })
  locale?: Locale;
}

export class ValidateReportDto {
  @ApiProperty({ description: 'the revision validated (ReportDto.revision)' })
  @IsInt({ message: 'revision must be a whole number' })
  @Min(1, { message: 'revision must be at least 1' })
  @Max(REVISION_MAX)
  revision!: number;

  @ApiPropertyOptional({ enum: VALIDATION_CAPACITIES, description: 'required of someone who is both a facilitator of the network and the organization’s contact' })
  @IsOptional()
  @IsIn(VALIDATION_CAPACITIES, { message: `capacity must be one of ${VALIDATION_CAPACITIES.join(', ')}` })
  capacity?: ValidationCapacity;
}
