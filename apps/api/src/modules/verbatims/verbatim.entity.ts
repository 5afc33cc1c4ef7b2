import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AnswerEntity } from '../collection/answer.entity.js';

/**
 * An open answer as others may read it: its text with names, e-mail addresses and phone numbers
 * masked (`maskVerbatim`), and the same folded for searching. Made from the answer row the
 * first time the evaluation's verbatims are read, and made again when the names the evaluation
 * knows of (or the masking rules) change: `maskingKey` says with which it was made. The raw text
 * stays in `answer`; the API only ever answers this one.
 */
@Entity({ name: 'verbatim' })
@Index('IDX_verbatim_evaluation_answer', ['evaluationId', 'answerId'])
export class VerbatimEntity {
  @PrimaryColumn({ type: 'bigint' })
  answerId!: string;

  @ManyToOne(() => AnswerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'answer_id' })
  answer?: Relation<AnswerEntity>;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  evaluationId!: string;

  @Column({ type: 'text' })
  maskedText!: string;

  @Column({ type: 'boolean' })
  masked!: boolean;

  /** `foldText(maskedText)`: lower case, no accents, what a search compares. */
  @Column({ type: 'text' })
  searchText!: string;

  @Column({ type: 'char', length: 64 })
  maskingKey!: string;
}
