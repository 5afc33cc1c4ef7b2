import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { ReportEntity } from './report.entity.js';
import { REPORT_LIMITS, REPORT_SECTION_KINDS, type ReportSectionKind, type SectionAction, type SectionTestimony } from './report-sections.js';

/**
 * A section of a report: its narrative (markdown, stored as written, never rendered as HTML by
 * the API), the charts, stories and testimonies it shows, and the action plan's rows. `title`
 * is null while the default title (in the report's language) applies. `version` grows by one on
 * every accepted save: a save names the version it started from, so two people never overwrite
 * each other unknowingly.
 */
@Entity({ name: 'report_section' })
@Unique('UQ_report_section_report_key', ['reportId', 'key'])
@Check('CHK_report_section_kind', `"kind" IN (${REPORT_SECTION_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
@Check('CHK_report_section_narrative', `char_length("narrative") <= ${REPORT_LIMITS.narrative}`)
@Check('CHK_report_section_version', `"version" >= 1`)
export class ReportSectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<ReportEntity>;

  /** 'summary', 'context', 'dimension:<dimensionKey>', 'crossed', 'action-plan', 'conclusion' */
  @Column({ type: 'varchar', length: 80 })
  key!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: ReportSectionKind;

  @Column({ type: 'varchar', length: REPORT_LIMITS.title, nullable: true })
  title!: string | null;

  @Column({ type: 'text', default: '' })
  narrative!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** ChartSpec ids of `dashboardCharts()`, in the order they are shown */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  charts!: string[];

  /** answer ids (as strings) of selected stories of the evaluation */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  stories!: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  testimonies!: SectionTestimony[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  actions!: SectionAction[];

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  /** null until someone saves the section */
  @Column({ type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
