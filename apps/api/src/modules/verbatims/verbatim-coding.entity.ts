import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AnswerEntity } from '../collection/answer.entity.js';
import { VerbatimThemeEntity } from './verbatim-theme.entity.js';

/** A verbatim (an open answer row) coded with a theme of its evaluation's code book. */
@Entity({ name: 'verbatim_coding' })
export class VerbatimCodingEntity {
  @PrimaryColumn({ type: 'bigint' })
  answerId!: string;

  @ManyToOne(() => AnswerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'answer_id' })
  answer?: Relation<AnswerEntity>;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  themeId!: string;

  @ManyToOne(() => VerbatimThemeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_id' })
  theme?: Relation<VerbatimThemeEntity>;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Index()
  @Column({ type: 'uuid' })
  evaluationId!: string;

  @Column({ type: 'uuid', nullable: true })
  codedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  codedAt!: Date;
}
