import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { StakeholderGroupKey } from '#domain';
import { SubmissionEntity } from './submission.entity.js';

/**
 * A normalised answer row (see `normaliseAnswers`): one per value of a submission, replaced with
 * it in one transaction. The evaluation and group are copied from the submission so that the
 * analysis aggregates without a join; the tenant is the submission's.
 */
@Entity({ name: 'answer' })
@Check('CHK_answer_part', `"part" IN ('answer', 'why')`)
@Check(
  'CHK_answer_one_value',
  `(("numeric_value" IS NOT NULL)::int + ("choice_value" IS NOT NULL)::int + ("text_value" IS NOT NULL)::int + "dont_know"::int) = 1`,
)
@Index('IDX_answer_evaluation_question', ['evaluationId', 'questionKey'])
export class AnswerEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  submissionId!: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Relation<SubmissionEntity>;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  evaluationId!: string;

  @Column({ type: 'varchar', length: 40 })
  groupKey!: StakeholderGroupKey;

  @Column({ type: 'varchar', length: 120 })
  questionKey!: string;

  @Column({ type: 'varchar', length: 64 })
  indicatorKey!: string;

  @Column({ type: 'varchar', length: 10 })
  part!: 'answer' | 'why';

  @Column({ type: 'double precision', nullable: true })
  numericValue!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  choiceValue!: string | null;

  @Column({ type: 'text', nullable: true })
  textValue!: string | null;

  @Column({ type: 'boolean', default: false })
  dontKnow!: boolean;
}
