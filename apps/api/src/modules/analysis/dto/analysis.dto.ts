import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import {
  INDICATOR_KINDS,
  STAKEHOLDER_GROUP_KEYS,
  type AnalysisColumn,
  type AnalysisPayload,
  type AnswerOptionsByIndicator,
  type Cell,
  type IndicatorKind,
  type LocalizedText,
  type ScoreCell,
  type StakeholderGroupKey,
} from '#domain';

const COLUMNS = [...STAKEHOLDER_GROUP_KEYS, 'all'];

const CELLS_DESCRIPTION =
  'one cell per column (a stakeholder group, or "all"): either { suppressed: false, n, mean, median, distribution: [{ value, count }], dontKnowShare, score } ' +
  'or { suppressed: true, reason: "under-k" | "complementary" } — a figure about fewer than k submissions, or one that would let such a figure be computed, never leaves the API';

const cellsProperty = (description: string) =>
  ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: `${description}; keys among ${COLUMNS.join(', ')}`,
  });

export class AnalysisQueryDto {
  @ApiPropertyOptional({
    enum: STAKEHOLDER_GROUP_KEYS,
    description: 'keep only this group’s columns (and "all"): the same figures, suppressed the same way as in the whole analysis',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}` })
  groupKey?: StakeholderGroupKey;
}

export class GroupParticipationDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ description: 'answers expected from the group' }) expected!: number;
  @ApiProperty({ description: 'submitted, not excluded: the submissions that count' }) submitted!: number;
  @ApiProperty({ description: 'submitted but excluded by a facilitator' }) excluded!: number;
  @ApiProperty({ description: 'started, not submitted (never counted)' }) partial!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'submitted / expected; null when nothing is expected' }) responseRate!: number | null;
  @ApiProperty({ description: 'fewer than k submissions: every figure of this group is withheld' }) suppressed!: boolean;
}

export class IndicatorQuestionDto {
  @ApiProperty() key!: string;
  @cellsProperty(CELLS_DESCRIPTION) cells!: Partial<Record<AnalysisColumn, Cell>>;
}

export class IndicatorAnalysisDto {
  @ApiProperty() key!: string;
  @ApiProperty() dimensionKey!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for the organization’s own questions' }) criterionKey!: string | null;
  @ApiProperty({ description: 'one of the organization’s own questions' }) custom!: boolean;
  @ApiProperty({ enum: INDICATOR_KINDS }) kind!: IndicatorKind;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { fr: 'Sentiment d’être écouté·e', en: 'Feeling listened to' } }) title!: LocalizedText;
  @ApiProperty({ description: 'has a scoring rule (0–100)' }) scored!: boolean;
  @cellsProperty(CELLS_DESCRIPTION) cells!: Partial<Record<AnalysisColumn, Cell>>;
  @ApiProperty({ type: [IndicatorQuestionDto] }) questions!: IndicatorQuestionDto[];
}

export class DimensionAnalysisDto {
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) title!: LocalizedText;
  @cellsProperty('a group’s dimension score is the mean of its visible scored indicator scores: { suppressed: false, n, score } or { suppressed: true, reason }')
  cells!: Partial<Record<AnalysisColumn, ScoreCell>>;
}

export class GapDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ enum: ['indicator', 'dimension'] }) level!: 'indicator' | 'dimension';
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'the self-assessment’s score' }) self!: number;
  @ApiProperty({ description: 'the group’s score' }) group!: number;
  @ApiProperty({ description: 'group − self, in score points' }) gap!: number;
}

export class CrossedPerspectivesDto {
  @ApiProperty({ description: 'false when the self-assessment has no visible figure' }) available!: boolean;
  @ApiProperty({ type: [GapDto] }) gaps!: GapDto[];
  @ApiProperty({ type: [GapDto], description: 'smallest gaps first, at most 5' }) convergences!: GapDto[];
  @ApiProperty({ type: [GapDto], description: 'largest gaps first, at most 5' }) divergences!: GapDto[];
}

export class DeltaDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: COLUMNS }) column!: AnalysisColumn;
  @ApiProperty() before!: number;
  @ApiProperty() after!: number;
  @ApiProperty({ description: 'after − before, in score points' }) delta!: number;
}

export class PreviousEvaluationDto {
  @ApiProperty({ format: 'uuid' }) evaluationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
}

export class UnmatchedDto {
  @ApiProperty({ type: [String], description: 'indicators only in the previous evaluation' }) onlyBefore!: string[];
  @ApiProperty({ type: [String], description: 'indicators only in this one' }) onlyAfter!: string[];
  @ApiProperty({ type: [String], description: 'same key, but what a score means changed (scale, scoring rule, "je ne sais pas")' }) rescored!: string[];
}

export class ComparisonDto {
  @ApiProperty({ type: PreviousEvaluationDto }) previous!: PreviousEvaluationDto;
  @ApiProperty({ type: [DeltaDto] }) indicators!: DeltaDto[];
  @ApiProperty({ type: [DeltaDto] }) dimensions!: DeltaDto[];
  @ApiProperty({ type: UnmatchedDto }) unmatched!: UnmatchedDto;
}

export class ConsensusEntryDto {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty() questionKey!: string;
  @ApiProperty() indicatorKey!: string;
  @ApiProperty({ description: 'as recorded: a number, a choice value, a list of choice values, "dont_know" or a text' }) value!: unknown;
  @ApiProperty({ type: String, nullable: true }) reasons!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class AnalysisDto implements AnalysisPayload {
  @ApiProperty({ format: 'uuid' }) evaluationId!: string;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({ description: 'the anonymity threshold: no figure about fewer submissions is given' }) k!: number;
  @ApiProperty({ type: String, enum: STAKEHOLDER_GROUP_KEYS, nullable: true, description: 'the group the columns were filtered to (?groupKey), or null' })
  groupFilter!: StakeholderGroupKey | null;
  @ApiProperty({ type: [GroupParticipationDto] }) participation!: GroupParticipationDto[];
  @ApiProperty({ type: [IndicatorAnalysisDto] }) indicators!: IndicatorAnalysisDto[];
  @ApiProperty({ type: [DimensionAnalysisDto] }) dimensions!: DimensionAnalysisDto[];
  @ApiProperty({ type: CrossedPerspectivesDto }) crossed!: CrossedPerspectivesDto;
  @ApiProperty({
    type: ComparisonDto,
    nullable: true,
    description:
      'change since the previous evaluation of the organization on the same framework (the latest one past collection whose closing date is before this one opens); null when there is none',
  })
  comparison!: ComparisonDto | null;
  @ApiProperty({ type: [ConsensusEntryDto], description: 'agreed answers of collective sessions, for groups whose figures are shown' }) consensus!: ConsensusEntryDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'per indicator key: its kind, whether its answers are ordered, and its answer options (value, label in fr/en, position 0…1), low to high',
  })
  answerOptions!: AnswerOptionsByIndicator;
}
