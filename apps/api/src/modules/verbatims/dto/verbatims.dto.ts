import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from '#domain';
import { OptionalText, Text } from '../../../common/validators.js';
import { MAX_THEMES_PER_EVALUATION, SELECTION_REASON, THEME_COLORS, THEME_DESCRIPTION_MAX, THEME_LABEL_MAX, VERBATIMS_PAGE, type ThemeColor } from '../verbatim-rules.js';

const groupKeyMessage = `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}`;
const colorMessage = `color must be one of ${THEME_COLORS.join(', ')}`;

/** Query strings are strings: "true"/"false" and digits are read as such, anything else is refused as it is. */
const booleanString = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const integerString = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

export class VerbatimsQueryDto {
  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUP_KEYS })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey?: StakeholderGroupKey;

  @ApiPropertyOptional({ description: 'one of the evaluation’s dimensions' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  dimensionKey?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a theme of this evaluation’s code book' })
  @IsOptional()
  @IsUUID('all', { message: 'themeId must be a UUID' })
  themeId?: string;

  @Text(200, { optional: true, description: 'words to find in the masked text, whatever their case and accents' })
  q?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'only the verbatims chosen as stories' })
  @IsOptional()
  @Transform(booleanString)
  @IsBoolean({ message: 'selected must be true or false' })
  selected?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: VERBATIMS_PAGE.max, default: VERBATIMS_PAGE.default })
  @IsOptional()
  @Transform(integerString)
  @IsInt({ message: `limit must be a whole number from 1 to ${VERBATIMS_PAGE.max}` })
  @Min(1)
  @Max(VERBATIMS_PAGE.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class StorySelectionDto {
  @ApiProperty({ description: 'why this story was chosen' }) reason!: string;
  @ApiProperty({ description: 'the text as masked when it was chosen (masked again with the names known now)' }) text!: string;
  @ApiProperty({ format: 'date-time' }) selectedAt!: Date;
  @ApiProperty({ type: UserRefDto, nullable: true }) selectedBy!: UserRefDto | null;
}

export class VerbatimDto {
  @ApiProperty({ description: 'the answer row id (digits)' }) id!: string;
  @ApiProperty() questionKey!: string;
  @ApiProperty() indicatorKey!: string;
  @ApiProperty() dimensionKey!: string;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ enum: ['answer', 'why'], description: 'answer: an open question; why: the "pourquoi ?" comment of another question' }) part!: 'answer' | 'why';
  @ApiProperty({ description: 'the text with names, e-mail addresses and phone numbers masked ([nom], [e-mail], [téléphone]); never the raw answer' })
  text!: string;
  @ApiProperty({ description: 'something was masked in the text' }) masked!: boolean;
  @ApiProperty({ type: [String], format: 'uuid' }) themeIds!: string[];
  @ApiProperty({ type: StorySelectionDto, nullable: true }) selection!: StorySelectionDto | null;
}

export class VerbatimListDto {
  @ApiProperty({ type: [VerbatimDto] }) items!: VerbatimDto[];
  @ApiProperty({ description: 'verbatims matching the filters, on every page' }) total!: number;
  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last one' }) nextCursor!: string | null;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS, isArray: true, description: 'groups with fewer than k counted submissions: their verbatims are not listed' })
  hiddenGroups!: StakeholderGroupKey[];
  @ApiProperty({ description: 'the anonymity threshold of the evaluation' }) k!: number;
}

export class ThemeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, enum: THEME_COLORS, nullable: true }) color!: ThemeColor | null;
  @ApiProperty({ description: 'listed verbatims coded with it' }) verbatimCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class CreateThemeDto {
  @Text(THEME_LABEL_MAX, { example: 'Lien social' })
  label!: string;

  @OptionalText(THEME_DESCRIPTION_MAX, { example: 'Rencontres, entraide, sortir de l’isolement.' })
  description?: string | null;

  @ApiPropertyOptional({ enum: THEME_COLORS, nullable: true })
  @IsOptional()
  @IsIn(THEME_COLORS, { message: colorMessage })
  color?: ThemeColor | null;
}

export class UpdateThemeDto {
  @Text(THEME_LABEL_MAX, { optional: true })
  label?: string;

  @OptionalText(THEME_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ enum: THEME_COLORS, nullable: true })
  @IsOptional()
  @IsIn(THEME_COLORS, { message: colorMessage })
  color?: ThemeColor | null;
}

export class PutVerbatimThemesDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'the themes of this evaluation the verbatim is coded with (replaces the previous ones; [] removes them all)' })
  @IsArray()
  @ArrayMaxSize(MAX_THEMES_PER_EVALUATION)
  @ArrayUnique({ message: 'themeIds must not list a theme twice' })
  @IsUUID('all', { each: true, message: 'each of themeIds must be a UUID' })
  themeIds!: string[];
}

export class SelectionDto {
  @Text(SELECTION_REASON.max, {
    description: 'why this story was chosen (the "most significant change" practice)',
    example: 'Elle montre comment la ressourcerie sort les gens de l’isolement.',
  })
  @MinLength(SELECTION_REASON.min, { message: `reason must be at least ${SELECTION_REASON.min} characters: say why this story was chosen` })
  reason!: string;
}
