import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { EvaluationEntity } from '../evaluations/evaluation.entity.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { THEME_COLORS } from './verbatim-rules.js';

/**
 * A theme of an evaluation's code book, which verbatims are coded with ("Lien social",
 * "Réemploi"…). Labels are unique in the evaluation whatever their case and accents: `labelKey`
 * is the folded label.
 */
@Entity({ name: 'verbatim_theme' })
@Unique('UQ_verbatim_theme_evaluation_label', ['evaluationId', 'labelKey'])
@Check('CHK_verbatim_theme_color', `"color" IS NULL OR "color" IN (${THEME_COLORS.map((c) => `'${c}'`).join(', ')})`)
export class VerbatimThemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'uuid' })
  evaluationId!: string;

  @ManyToOne(() => EvaluationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  @Column({ type: 'varchar', length: 80 })
  label!: string;

  @Column({ type: 'varchar', length: 80 })
  labelKey!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  color!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
