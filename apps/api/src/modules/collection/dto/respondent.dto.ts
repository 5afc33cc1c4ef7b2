import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { ANONYMITY_MODES, LINK_KINDS, LOCALES, STAKEHOLDER_GROUP_KEYS, SUBMISSION_STATUSES, type AnonymityMode, type LinkKind, type Locale, type StakeholderGroupKey, type SubmissionStatus } from '#domain';
import { Text } from '../../../common/validators.js';

const localeMessage = `locale must be one of ${LOCALES.join(', ')}`;

export class RespondentQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, default: 'fr', description: 'the language the questionnaire opens in' })
  @IsOptional()
  @IsIn(LOCALES, { message: localeMessage })
  locale?: Locale;
}

export class ConsentDto {
  @Text(200, { description: 'the name the respondent agrees to be quoted under', example: 'Martine, bénévole depuis 2019' })
  name!: string;
}

export class SaveSubmissionDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the SurveyJS data: answers keyed by question, comments under `<key>-Comment`' })
  @IsObject({ message: 'data must be an object of answers keyed by question (the SurveyJS data)' })
  data!: Record<string, unknown>;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES, { message: localeMessage })
  locale!: Locale;

  @ApiProperty({ description: 'true submits (every required question answered); false saves a partial that can be resumed' })
  @IsBoolean({ message: 'complete must be true or false' })
  complete!: boolean;

  @ApiPropertyOptional({ type: ConsentDto, description: 'named groups: required to submit' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class RespondentEvaluationDto {
  @ApiProperty() title!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() opensAt!: Date;
  @ApiProperty() closesAt!: Date;
  @ApiProperty() kThreshold!: number;
  @ApiProperty({ description: 'when individual answers are deleted; only figures about at least k people are kept after' }) retainedUntil!: Date;
}

export class GroupLabelDto {
  @ApiProperty() fr!: string;
  @ApiProperty() en!: string;
}

export class RespondentSubmissionDto {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: SubmissionStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ description: 'rounded to the day for anonymous groups' }) updatedAt!: Date;
}

export class RespondentViewDto {
  @ApiProperty({ type: RespondentEvaluationDto }) evaluation!: RespondentEvaluationDto;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ type: GroupLabelDto }) groupLabel!: GroupLabelDto;
  @ApiProperty({ enum: ANONYMITY_MODES }) anonymity!: AnonymityMode;
  @ApiProperty({ enum: LINK_KINDS }) linkKind!: LinkKind;
  @ApiProperty() kiosk!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'who the personal link is for (confidential and named groups)' }) respondentName!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'SurveyJS JSON of the group’s questionnaire' }) questionnaire!: Record<string, unknown>;
  @ApiProperty({ type: RespondentSubmissionDto, nullable: true, description: 'personal links: the answers saved so far, on any device' })
  submission!: RespondentSubmissionDto | null;
}

export class SavedSubmissionDto {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: SubmissionStatus;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
}

export class MyAnswersSubmissionDto extends RespondentSubmissionDto {
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'the name kept with the answers (confidential and named groups), as it is stored' }) respondentName!: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'named groups: when consent to be quoted was given' }) consentAt!: Date | null;
}

export class MyAnswersEvaluationDto {
  @ApiProperty() title!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ description: 'answers can be seen and erased until the evaluation is closed' }) status!: string;
  @ApiProperty() closesAt!: Date;
  @ApiProperty() retainedUntil!: Date;
}

/** What a personal link keeps about its respondent, shown to them (GDPR right of access). */
export class MyAnswersDto {
  @ApiProperty({ type: MyAnswersEvaluationDto }) evaluation!: MyAnswersEvaluationDto;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ type: GroupLabelDto }) groupLabel!: GroupLabelDto;
  @ApiProperty({ enum: ANONYMITY_MODES }) anonymity!: AnonymityMode;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'SurveyJS JSON of the questionnaire, to show the answers with their questions' }) questionnaire!: Record<string, unknown>;
  @ApiProperty({ type: MyAnswersSubmissionDto, nullable: true, description: 'null when nothing is kept (never answered, or erased)' }) submission!: MyAnswersSubmissionDto | null;
}
