import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ANONYMITY_MODES,
  DEFAULT_K_THRESHOLD,
  DEFAULT_RETENTION_MONTHS,
  MAX_RETENTION_MONTHS,
  MIN_RETENTION_MONTHS,
  EVALUATION_STATUSES,
  LOCALES,
  MIN_K_THRESHOLD,
  STAKEHOLDER_GROUP_KEYS,
  type AnonymityMode,
  type CustomQuestion,
  type EvaluationStatus,
  type Locale,
  type Questionnaire,
  type StakeholderGroupKey,
} from '#domain';
import { Text } from '../../../common/validators.js';

/** Far above any real workshop; keeps an absurd k from hiding every figure by accident. */
const MAX_K_THRESHOLD = 1000;
const MAX_EXPECTED_COUNT = 1_000_000;
const MAX_DIMENSIONS = 50;
const MAX_CUSTOM_QUESTIONS = 500;

const groupKeyMessage = `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}`;
const anonymityMessage = `anonymity must be one of ${ANONYMITY_MODES.join(', ')} (strongest protection first)`;
const kMessage = `kThreshold must be an integer of at least ${MIN_K_THRESHOLD}: figures about fewer respondents could point at a person`;
const retentionMessage = `retentionMonths must be a whole number of months from ${MIN_RETENTION_MONTHS} to ${MAX_RETENTION_MONTHS}`;
const dateMessage = (name: string) => `${name} must be an ISO 8601 date or date-time, such as 2026-05-04 or 2026-05-04T09:00:00+02:00`;

export class EvaluationGroupDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ minimum: 0 }) expectedCount!: number;
  @ApiProperty({ enum: ANONYMITY_MODES }) anonymity!: AnonymityMode;
}

export class EvaluationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) frameworkId!: string;
  @ApiProperty({ format: 'uuid' }) frameworkVersionId!: string;
  @ApiProperty() frameworkVersionNumber!: number;
  @ApiProperty({ description: 'sha256 of the pinned version’s canonical content' }) contentHash!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String], description: 'the chosen dimensions, in the order the organization ranked them' }) dimensionKeys!: string[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the organization’s own questions (docs/framework-format.md, custom questions)' })
  customQuestions!: CustomQuestion[];
  @ApiProperty() opensAt!: Date;
  @ApiProperty() closesAt!: Date;
  @ApiProperty({ minimum: MIN_K_THRESHOLD, description: 'figures about fewer respondents are suppressed' }) kThreshold!: number;
  @ApiProperty({ minimum: MIN_RETENTION_MONTHS, maximum: MAX_RETENTION_MONTHS, description: 'months after closesAt during which individual answers are kept' })
  retentionMonths!: number;
  @ApiProperty({ description: 'when individual answers are deleted (closesAt + retentionMonths); only the analysis, which respects k, remains' })
  retainedUntil!: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'when the individual answers were deleted; the analysis is then the one kept at that moment' })
  purgedAt!: Date | null;
  @ApiProperty({ enum: EVALUATION_STATUSES }) status!: EvaluationStatus;
  @ApiProperty({ enum: EVALUATION_STATUSES, isArray: true, description: 'where the status may go next' }) allowedTransitions!: EvaluationStatus[];
  @ApiProperty({ type: [EvaluationGroupDto], description: 'in the display order of stakeholder groups; self_assessment always first' }) groups!: EvaluationGroupDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class GroupInputDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS })
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey!: StakeholderGroupKey;

  @ApiProperty({ minimum: 0, maximum: MAX_EXPECTED_COUNT })
  @IsInt({ message: 'expectedCount must be an integer' })
  @Min(0, { message: 'expectedCount must not be negative' })
  @Max(MAX_EXPECTED_COUNT, { message: `expectedCount must be at most ${MAX_EXPECTED_COUNT}` })
  expectedCount!: number;

  @ApiProperty({ enum: ANONYMITY_MODES })
  @IsIn(ANONYMITY_MODES, { message: anonymityMessage })
  anonymity!: AnonymityMode;
}

export class CreateEvaluationDto {
  @ApiProperty({ format: 'uuid', description: 'a published version of one of the workspace’s frameworks' })
  @IsUUID('all', { message: 'frameworkVersionId must be a framework version id (UUID)' })
  frameworkVersionId!: string;

  @Text(200, { example: 'Évaluation 2026 de La Ressourcerie du Vallon' })
  title!: string;

  @ApiPropertyOptional({ type: [String], description: 'the chosen dimensions, in order; every dimension of the version when left out' })
  @IsOptional()
  @IsArray({ message: 'dimensionKeys must be an array of dimension keys' })
  @ArrayMinSize(1, { message: 'dimensionKeys must keep at least one dimension' })
  @ArrayMaxSize(MAX_DIMENSIONS)
  @IsString({ each: true, message: 'each of dimensionKeys must be a dimension key (a string)' })
  @MaxLength(64, { each: true, message: 'each of dimensionKeys must be at most 64 characters' })
  dimensionKeys?: string[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the organization’s own questions: [{ dimensionKey, indicator }]' })
  @IsOptional()
  @IsArray({ message: 'customQuestions must be an array' })
  @ArrayMaxSize(MAX_CUSTOM_QUESTIONS)
  customQuestions?: unknown[];

  @ApiProperty({ example: '2026-05-04T00:00:00+02:00' })
  @IsISO8601({ strict: true }, { message: dateMessage('opensAt') })
  opensAt!: string;

  @ApiProperty({ example: '2026-06-30T23:59:59+02:00', description: 'after opensAt' })
  @IsISO8601({ strict: true }, { message: dateMessage('closesAt') })
  closesAt!: string;

  @ApiPropertyOptional({ minimum: MIN_K_THRESHOLD, maximum: MAX_K_THRESHOLD, default: DEFAULT_K_THRESHOLD })
  @IsOptional()
  @IsInt({ message: kMessage })
  @Min(MIN_K_THRESHOLD, { message: kMessage })
  @Max(MAX_K_THRESHOLD, { message: `kThreshold must be at most ${MAX_K_THRESHOLD}` })
  kThreshold?: number;

  @ApiPropertyOptional({ minimum: MIN_RETENTION_MONTHS, maximum: MAX_RETENTION_MONTHS, default: DEFAULT_RETENTION_MONTHS, description: 'months after closesAt during which individual answers are kept' })
  @IsOptional()
  @IsInt({ message: retentionMessage })
  @Min(MIN_RETENTION_MONTHS, { message: retentionMessage })
  @Max(MAX_RETENTION_MONTHS, { message: retentionMessage })
  retentionMonths?: number;

  @ApiPropertyOptional({ type: [GroupInputDto], description: 'the invited groups; self_assessment is added (1 expected, confidential) when left out' })
  @IsOptional()
  @IsArray({ message: 'groups must be an array' })
  @ArrayMaxSize(STAKEHOLDER_GROUP_KEYS.length)
  @ValidateNested({ each: true })
  @Type(() => GroupInputDto)
  groups?: GroupInputDto[];
}

/** A partial change; what the evaluation's status no longer lets change is refused (409 evaluation-locked). */
export class UpdateEvaluationDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'pin another published version (draft only); dimensions and custom questions are checked against it' })
  @IsOptional()
  @IsUUID('all', { message: 'frameworkVersionId must be a framework version id (UUID)' })
  frameworkVersionId?: string;

  @Text(200, { optional: true })
  title?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'dimensionKeys must be an array of dimension keys' })
  @ArrayMinSize(1, { message: 'dimensionKeys must keep at least one dimension' })
  @ArrayMaxSize(MAX_DIMENSIONS)
  @IsString({ each: true, message: 'each of dimensionKeys must be a dimension key (a string)' })
  @MaxLength(64, { each: true, message: 'each of dimensionKeys must be at most 64 characters' })
  dimensionKeys?: string[];

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsOptional()
  @IsArray({ message: 'customQuestions must be an array' })
  @ArrayMaxSize(MAX_CUSTOM_QUESTIONS)
  customQuestions?: unknown[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: dateMessage('opensAt') })
  opensAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: dateMessage('closesAt') })
  closesAt?: string;

  @ApiPropertyOptional({ minimum: MIN_K_THRESHOLD, maximum: MAX_K_THRESHOLD })
  @IsOptional()
  @IsInt({ message: kMessage })
  @Min(MIN_K_THRESHOLD, { message: kMessage })
  @Max(MAX_K_THRESHOLD, { message: `kThreshold must be at most ${MAX_K_THRESHOLD}` })
  kThreshold?: number;

  @ApiPropertyOptional({ minimum: MIN_RETENTION_MONTHS, maximum: MAX_RETENTION_MONTHS, default: DEFAULT_RETENTION_MONTHS, description: 'months after closesAt during which individual answers are kept' })
  @IsOptional()
  @IsInt({ message: retentionMessage })
  @Min(MIN_RETENTION_MONTHS, { message: retentionMessage })
  @Max(MAX_RETENTION_MONTHS, { message: retentionMessage })
  retentionMonths?: number;
}

export class TransitionDto {
  @ApiProperty({ enum: EVALUATION_STATUSES })
  @IsIn(EVALUATION_STATUSES, { message: `to must be one of ${EVALUATION_STATUSES.join(', ')}` })
  to!: EvaluationStatus;
}

export class PutGroupDto {
  @ApiProperty({ minimum: 0, maximum: MAX_EXPECTED_COUNT })
  @IsInt({ message: 'expectedCount must be an integer' })
  @Min(0, { message: 'expectedCount must not be negative' })
  @Max(MAX_EXPECTED_COUNT, { message: `expectedCount must be at most ${MAX_EXPECTED_COUNT}` })
  expectedCount!: number;

  @ApiProperty({ enum: ANONYMITY_MODES })
  @IsIn(ANONYMITY_MODES, { message: anonymityMessage })
  anonymity!: AnonymityMode;
}

export class QuestionnaireQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: 'the language the questionnaire opens in; every string carries both' })
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;
}

export class QuestionnaireDto {
  @ApiProperty({ format: 'uuid' }) evaluationId!: string;
  @ApiProperty({ format: 'uuid' }) frameworkVersionId!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty() formatVersion!: Questionnaire['formatVersion'];
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) group!: StakeholderGroupKey;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the answer specification the server checks submissions against' })
  questions!: Questionnaire['questions'];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'SurveyJS JSON: give it to new Model(…)' })
  survey!: Questionnaire['survey'];
}
