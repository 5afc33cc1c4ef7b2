import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ANONYMITY_MODES,
  LOCALES,
  STAKEHOLDER_GROUP_KEYS,
  SUBMISSION_CHANNELS,
  SUBMISSION_STATUSES,
  type AnonymityMode,
  type Locale,
  type StakeholderGroupKey,
  type SubmissionChannel,
  type SubmissionStatus,
} from '#domain';
import { normaliseEmail, OptionalText, Text } from '../../../common/validators.js';

/** A facilitator makes links for one mailing at a time; a larger group is done in several batches. */
export const MAX_LINKS_PER_REQUEST = 500;
const MAX_SHARED_SUBMISSIONS = 100_000;
const LINK_KINDS_MADE = ['personal', 'shared'] as const;
type LinkKindMade = (typeof LINK_KINDS_MADE)[number];

const groupKeyMessage = `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}`;

export class GroupCollectionDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ enum: ANONYMITY_MODES }) anonymity!: AnonymityMode;
  @ApiProperty() expectedCount!: number;
  @ApiProperty({ description: 'submitted and not excluded' }) submitted!: number;
  @ApiProperty({ description: 'begun, not submitted yet (never counted in results)' }) partial!: number;
  @ApiProperty({ description: 'submitted, then excluded by a facilitator' }) excluded!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'submitted / expectedCount; null when nobody is expected' }) responseRate!: number | null;
  @ApiProperty({ description: 'personal links in use (not revoked, or answered)' }) personalLinks!: number;
  @ApiProperty({ description: 'personal links whose respondent has submitted' }) personalAnswered!: number;
  @ApiProperty({ description: 'shared links not revoked' }) sharedLinks!: number;
}

export class CollectionTotalsDto {
  @ApiProperty() expected!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() partial!: number;
  @ApiProperty() excluded!: number;
}

export class CollectionOverviewDto {
  @ApiProperty({ type: [GroupCollectionDto] }) groups!: GroupCollectionDto[];
  @ApiProperty({ type: CollectionTotalsDto }) totals!: CollectionTotalsDto;
  @ApiProperty({ description: 'collective sessions open now' }) openSessions!: number;
}

export class LinksQueryDto {
  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUP_KEYS })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey?: StakeholderGroupKey;
}

export class LinkDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ enum: LINK_KINDS_MADE }) kind!: LinkKindMade;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: Number, nullable: true }) maxSubmissions!: number | null;
  @ApiProperty() submitted!: number;
  @ApiProperty() partial!: number;
  @ApiProperty({ type: Date, nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: Date, nullable: true }) lastSentAt!: Date | null;
  @ApiProperty() reminderCount!: number;
  @ApiProperty() createdAt!: Date;
}

export class CreatedLinkDto extends LinkDto {
  @ApiProperty({ description: 'shown once: only its hash is kept' }) token!: string;
  @ApiProperty({ example: '/r/Q2hhbmdlIG1lIHBsZWFzZQ' }) path!: string;
  @ApiProperty({ description: 'true when the link was e-mailed to its respondent' }) emailed!: boolean;
}

export class LinkRespondentDto {
  @OptionalText(200, { description: 'who the link is for, as the facilitator knows them (confidential and named groups)' })
  label?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'camille@example.org' })
  @Transform(({ value }) => normaliseEmail(value))
  @IsOptional()
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(320)
  email?: string | null;
}

export class CreateLinksDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS })
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey!: StakeholderGroupKey;

  @ApiProperty({ enum: LINK_KINDS_MADE, description: 'personal: one link per respondent; shared: one link for the whole group' })
  @IsIn(LINK_KINDS_MADE, { message: 'kind must be personal or shared (session links are made by joining a session)' })
  kind!: LinkKindMade;

  @ApiPropertyOptional({ type: [LinkRespondentDto], description: `personal links: one per respondent (1 to ${MAX_LINKS_PER_REQUEST}); an anonymous group’s links carry no label or e-mail` })
  @IsOptional()
  @IsArray({ message: 'respondents must be an array' })
  @ArrayMinSize(1, { message: 'respondents must list at least one respondent' })
  @ArrayMaxSize(MAX_LINKS_PER_REQUEST, { message: `respondents must list at most ${MAX_LINKS_PER_REQUEST} respondents; make the links in several batches` })
  @ValidateNested({ each: true })
  @Type(() => LinkRespondentDto)
  respondents?: LinkRespondentDto[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SHARED_SUBMISSIONS, description: 'shared links: how many submissions it takes at most' })
  @IsOptional()
  @IsInt({ message: 'maxSubmissions must be an integer' })
  @Min(1, { message: 'maxSubmissions must be at least 1' })
  @Max(MAX_SHARED_SUBMISSIONS, { message: `maxSubmissions must be at most ${MAX_SHARED_SUBMISSIONS}` })
  maxSubmissions?: number;

  @ApiPropertyOptional({ description: 'e-mail each personal link that has an address (when SMTP is configured)' })
  @IsOptional()
  @IsBoolean({ message: 'send must be true or false' })
  send?: boolean;
}

export class RemindersDto {
  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUP_KEYS, description: 'only this group; every group when left out' })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey?: StakeholderGroupKey;
}

export class RemindersResultDto {
  @ApiProperty({ description: 'reminders e-mailed (each with a new link: the previous one stops working)' }) sent!: number;
  @ApiProperty({ description: 'respondents not reminded: mail disabled or refused' }) skipped!: number;
  @ApiProperty() mailEnabled!: boolean;
}

export class SubmissionsQueryDto {
  @ApiPropertyOptional({ enum: STAKEHOLDER_GROUP_KEYS })
  @IsOptional()
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey?: StakeholderGroupKey;

  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES })
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES, { message: `status must be one of ${SUBMISSION_STATUSES.join(', ')}` })
  status?: SubmissionStatus;
}

export class ExclusionDto {
  @ApiProperty({ format: 'date-time' }) at!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) by!: string | null;
  @ApiProperty() reason!: string;
}

export class SubmissionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ enum: SUBMISSION_CHANNELS }) channel!: SubmissionChannel;
  @ApiProperty({ enum: SUBMISSION_STATUSES }) status!: SubmissionStatus;
  @ApiProperty({ description: 'rounded to the day for anonymous groups' }) startedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'never for an anonymous group' }) respondentName!: string | null;
  @ApiProperty({ description: 'questions answered' }) answerCount!: number;
  @ApiProperty({ type: ExclusionDto, nullable: true }) excluded!: ExclusionDto | null;
}

export class ReasonDto {
  @Text(500, { description: 'why, for the audit trail and the other facilitators', example: 'Réponse en double : la même personne a répondu sur papier.' })
  reason!: string;
}

export class PaperSubmissionDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS })
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: groupKeyMessage })
  groupKey!: StakeholderGroupKey;

  @ApiProperty({ format: 'uuid', description: 'generated by the entry form: a retry finds the same submission' })
  @IsUUID('all', { message: 'clientId must be a UUID generated by the entry form' })
  clientId!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the answers, as SurveyJS data' })
  @IsObject({ message: 'data must be an object of answers keyed by question (the SurveyJS data)' })
  data!: Record<string, unknown>;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale!: Locale;

  @OptionalText(200, { description: 'confidential and named groups: who filled in the paper questionnaire' })
  respondentName?: string | null;
}

export class PaperSubmissionResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: ['submitted'] }) status!: 'submitted';
}
