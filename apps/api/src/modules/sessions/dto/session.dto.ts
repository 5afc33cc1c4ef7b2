import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { SESSION_STATUSES, STAKEHOLDER_GROUP_KEYS, type SessionStatus, type StakeholderGroupKey } from '#domain';
import { Text } from '../../../common/validators.js';

/** Room for what a group says about its choice, far below a request body's limit. */
export const REASONS_MAX_LENGTH = 5000;
/** A typed code with spaces or dashes; anything longer is no code. */
const TYPED_CODE_MAX_LENGTH = 32;

export class SessionCountsDto {
  @ApiProperty({ description: 'participants who joined (one session link each; a kiosk tablet counts once)' }) joined!: number;
  @ApiProperty({ description: 'answers started in this session and not yet submitted' }) answering!: number;
  @ApiProperty({ description: 'answers submitted in this session (excluded ones left out)' }) submitted!: number;
  @ApiProperty({ description: 'answers expected from the whole group' }) expected!: number;
}

export class CollectiveSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS }) groupKey!: StakeholderGroupKey;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ example: 'K7MX4Q', description: 'what participants type (unique among open sessions)' }) code!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: SessionStatus;
  @ApiProperty({ description: 'the facilitator records the group’s agreed answers' }) consensus!: boolean;
  @ApiProperty() openedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) closedAt!: Date | null;
  @ApiProperty({ example: '/s/K7MX4Q', description: 'the web page participants open (prefix it with the public address for the QR code)' }) joinPath!: string;
  @ApiProperty({ type: SessionCountsDto }) counts!: SessionCountsDto;
}

export class CreateSessionDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUP_KEYS, description: 'a group of the evaluation' })
  @IsIn(STAKEHOLDER_GROUP_KEYS, { message: `groupKey must be one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}` })
  groupKey!: StakeholderGroupKey;

  @Text(200, { optional: true, example: 'Atelier des bénévoles du 12 mai' })
  title?: string;

  @ApiPropertyOptional({ default: false, description: 'record the group’s agreed answer per question beside the individual ones' })
  @IsOptional()
  @IsBoolean({ message: 'consensus must be true or false' })
  consensus?: boolean;
}

export class ConsensusAnswerDto {
  @ApiProperty() questionKey!: string;
  @ApiProperty() indicatorKey!: string;
  @ApiProperty({ description: 'the answer as SurveyJS data would hold it (a number, a choice, a list of choices, a text, or "dont_know")' })
  value!: unknown;
  @ApiProperty() reasons!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recordedBy!: string | null;
  @ApiProperty() recordedAt!: Date;
}

export class PutConsensusDto {
  @ApiProperty({ description: 'the agreed answer, checked against the question like a respondent’s answer (its display condition aside)' })
  @IsDefined({ message: 'value is required: the answer the group agreed on (to remove it, send DELETE)' })
  value!: unknown;

  @Text(REASONS_MAX_LENGTH, { min: 0, optional: true, description: 'the reasons the group gave' })
  reasons?: string;
}

export class JoinSessionDto {
  @ApiProperty({ example: 'K7M X4Q', description: 'the code on the facilitator’s screen; case, spaces and dashes do not matter' })
  @IsString({ message: 'code must be the text shown on the facilitator’s screen' })
  @MaxLength(TYPED_CODE_MAX_LENGTH, { message: `code must be at most ${TYPED_CODE_MAX_LENGTH} characters` })
  code!: string;

  @ApiPropertyOptional({ default: false, description: 'a shared tablet: after each submission the questionnaire starts over for the next person' })
  @IsOptional()
  @IsBoolean({ message: 'kiosk must be true or false' })
  kiosk?: boolean;
}

export class JoinedSessionDto {
  @ApiProperty({ description: 'the participant’s link token, shown this once: open /r/<token>' }) token!: string;
  @ApiProperty() kiosk!: boolean;
}
