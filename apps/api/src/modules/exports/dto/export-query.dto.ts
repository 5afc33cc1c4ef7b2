import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { LOCALES, STAKEHOLDER_GROUP_KEYS, type Locale, type StakeholderGroupKey } from '#domain';

const BOOLEANS = ['true', 'false'] as const;
type BooleanText = (typeof BOOLEANS)[number];

/** Query strings stay strings here (no implicit conversion): booleans are the words true and false. */
export class ExportQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: 'language of the labels; fr also means `;` separators and decimal commas in CSV, en `,` and decimal points' })
  @IsOptional()
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;

  @ApiPropertyOptional({ enum: BOOLEANS, default: 'false', description: 'question keys and choice values instead of labels' })
  @IsOptional()
  @IsIn(BOOLEANS, { message: 'codes must be true or false' })
  codes?: BooleanText;

  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUP_KEYS, description: 'only this group (empty: every group of the evaluation)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}` })
  groupKey?: StakeholderGroupKey;

  @ApiPropertyOptional({ enum: BOOLEANS, default: 'false', description: 'also export excluded submissions, with their exclusion and its reason' })
  @IsOptional()
  @IsIn(BOOLEANS, { message: 'includeExcluded must be true or false' })
  includeExcluded?: BooleanText;
}
