import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import {
  DEFAULT_K_THRESHOLD,
  DEFAULT_RETENTION_MONTHS,
  EVALUATION_STATUSES,
  MAX_RETENTION_MONTHS,
  MIN_K_THRESHOLD,
  MIN_RETENTION_MONTHS,
  type Analysis,
  type CustomQuestion,
  type EvaluationStatus,
} from '#domain';
import { FrameworkVersionEntity } from '../frameworks/framework-version.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/**
 * A co-evaluation of one organization on one pinned, published framework version: the dimensions
 * it kept, the organization's own questions, its calendar, its anonymity threshold k and its
 * status. The version's content hash is kept beside the pin, so what respondents answered can
 * always be traced to the exact content.
 */
@Entity({ name: 'evaluation' })
@Check('CHK_evaluation_status', `"status" IN (${EVALUATION_STATUSES.map((status) => `'${status}'`).join(', ')})`)
@Check('CHK_evaluation_k_threshold', `"k_threshold" >= ${MIN_K_THRESHOLD}`)
@Check('CHK_evaluation_dates', `"closes_at" > "opens_at"`)
@Check('CHK_evaluation_dimension_keys', `jsonb_typeof("dimension_keys") = 'array' AND jsonb_array_length("dimension_keys") >= 1`)
@Check('CHK_evaluation_retention_months', `"retention_months" BETWEEN ${MIN_RETENTION_MONTHS} AND ${MAX_RETENTION_MONTHS}`)
@Check('CHK_evaluation_purged', `("purged_at" IS NULL) = ("retained_analysis" IS NULL)`)
@Check('CHK_evaluation_custom_questions', `jsonb_typeof("custom_questions") = 'array'`)
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Index()
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<OrganizationEntity>;

  /** No cascade: a framework version that an evaluation pins cannot disappear under it. */
  @Index()
  @Column({ type: 'uuid' })
  frameworkVersionId!: string;

  @ManyToOne(() => FrameworkVersionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'framework_version_id' })
  frameworkVersion?: Relation<FrameworkVersionEntity>;

  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** The chosen dimensions of the version, in the order the organization ranked them. */
  @Column({ type: 'jsonb' })
  dimensionKeys!: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  customQuestions!: CustomQuestion[];

  @Column({ type: 'timestamptz' })
  opensAt!: Date;

  @Column({ type: 'timestamptz' })
  closesAt!: Date;

  @Column({ type: 'integer', default: DEFAULT_K_THRESHOLD })
  kThreshold!: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: EvaluationStatus;

  /** Months after `closesAt` during which individual answers are kept (`retentionDeadline`). */
  @Column({ type: 'integer', default: DEFAULT_RETENTION_MONTHS })
  retentionMonths!: number;

  /** When the retention job deleted the individual answers; null while they are kept. */
  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;

  /**
   * The analysis as it stood when the answers were deleted: figures that already respect k
   * (suppression applied), kept in place of the answers they came from.
   */
  @Column({ type: 'jsonb', nullable: true, select: false })
  retainedAnalysis!: Analysis | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
