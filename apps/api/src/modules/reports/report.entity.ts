import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import type { Locale } from '#domain';
import { EvaluationEntity } from '../evaluations/evaluation.entity.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/**
 * The report of an evaluation (one per evaluation): the language it renders in and its revision,
 * which grows by one on every accepted change to a section or to the language. Validations name
 * a revision; a version is the PDF of a validated one.
 */
@Entity({ name: 'report' })
@Unique('UQ_report_evaluation', ['evaluationId'])
@Check('CHK_report_locale', `"locale" IN ('fr', 'en')`)
@Check('CHK_report_revision', `"revision" >= 1`)
export class ReportEntity {
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

  @Column({ type: 'varchar', length: 2, default: 'fr' })
  locale!: Locale;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
