import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ReportSectionEntity } from './report-section.entity.js';

/**
 * One accepted save of a report section: who, when, which fields changed, the version it made,
 * and the narrative before and after when the narrative changed. Append-only.
 */
@Entity({ name: 'report_section_edit' })
@Index('IDX_report_section_edit_section_version', ['sectionId', 'version'])
export class ReportSectionEditEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @Column({ type: 'uuid' })
  sectionId!: string;

  @ManyToOne(() => ReportSectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id' })
  section?: Relation<ReportSectionEntity>;

  /** the section's version this save made */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  fields!: string[];

  @Column({ type: 'text', nullable: true })
  narrativeBefore!: string | null;

  @Column({ type: 'text', nullable: true })
  narrativeAfter!: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
