import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Locale } from '#domain';
import { ReportEntity } from './report.entity.js';
import { RENDER_KINDS, RENDER_STATUSES, type RenderKind, type RenderStatus } from './report-sections.js';

/**
 * A PDF layout job of a report: a draft (watermarked, its bytes kept here) or the final render of
 * a validated revision (its bytes go to a report_version, in the transaction that ends the job).
 * queued → running (with progress) → done or failed.
 */
@Entity({ name: 'report_render' })
@Index('IDX_report_render_report_created', ['reportId', 'createdAt'])
@Index('IDX_report_render_status_created', ['status', 'createdAt'])
@Check('CHK_report_render_kind', `"kind" IN (${RENDER_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check('CHK_report_render_status', `"status" IN (${RENDER_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('CHK_report_render_locale', `"locale" IN ('fr', 'en')`)
@Check('CHK_report_render_progress', `"progress" BETWEEN 0 AND 100`)
export class ReportRenderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<ReportEntity>;

  @Column({ type: 'varchar', length: 10 })
  kind!: RenderKind;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 2 })
  locale!: Locale;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status!: RenderStatus;

  /** 0–100 */
  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** the PDF of a done draft; a final render's bytes are in its report_version */
  @Column({ type: 'bytea', nullable: true, select: false })
  pdf!: Buffer | null;

  @Column({ type: 'integer', nullable: true })
  pages!: number | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes!: number | null;

  /** the version a done final render made */
  @Column({ type: 'uuid', nullable: true })
  versionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
