import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AnswerEntity } from '../collection/answer.entity.js';
import { SELECTION_REASON } from './verbatim-rules.js';

/**
 * A verbatim chosen as a story for the report, with why it was chosen (the "most significant
 * change" practice asks the group to say why). `maskedText` is the text as masked when it was
 * chosen: a story is chosen only through its masked text, never the raw answer.
 */
@Entity({ name: 'story_selection' })
@Check('CHK_story_selection_reason', `char_length("reason") BETWEEN ${SELECTION_REASON.min} AND ${SELECTION_REASON.max}`)
export class StorySelectionEntity {
  @PrimaryColumn({ type: 'bigint' })
  answerId!: string;

  @ManyToOne(() => AnswerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'answer_id' })
  answer?: Relation<AnswerEntity>;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Index()
  @Column({ type: 'uuid' })
  evaluationId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  maskedText!: string;

  @Column({ type: 'uuid', nullable: true })
  selectedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  selectedAt!: Date;
}
