import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { Locale } from '#domain';
import { ReportEntity } from './report.entity.js';

/** Who validated a version, as it was when the version was made. */
export interface VersionValidator {
  capacity: 'facilitator' | 'contact';
  userId: string;
  name: string;
  at: string;
}

/**
 * A validated version of a report: the PDF of the revision both the facilitator and the
 * organization's contact validated, its SHA-256 and who validated it. Immutable: no route
 * changes it, and a trigger (migration Reports) refuses any UPDATE of the table.
 */
@Entity({ name: 'report_version' })
@Unique('UQ_report_version_report_number', ['reportId', 'number'])
@Check('CHK_report_version_locale', `"locale" IN ('fr', 'en')`)
@Check('CHK_report_version_number', `"number" >= 1`)
export class ReportVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<ReportEntity>;

  /** 1, 2, … within the report */
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 2 })
  locale!: Locale;

  @Column({ type: 'bytea', select: false })
  pdf!: Buffer;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'integer' })
  pages!: number;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'jsonb' })
  validatedBy!: VersionValidator[];

  @Column({ type: 'timestamptz' })
  validatedAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
