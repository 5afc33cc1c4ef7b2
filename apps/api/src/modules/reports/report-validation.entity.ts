import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { ReportEntity } from './report.entity.js';
import { VALIDATION_CAPACITIES, type ValidationCapacity } from './report-sections.js';

/**
 * A validation of one revision of a report, in one capacity: the network's facilitator or the
 * organization's contact. At most one per capacity; any accepted change removes them.
 */
@Entity({ name: 'report_validation' })
@Unique('UQ_report_validation_report_capacity', ['reportId', 'capacity'])
@Check('CHK_report_validation_capacity', `"capacity" IN (${VALIDATION_CAPACITIES.map((c) => `'${c}'`).join(', ')})`)
export class ReportValidationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<ReportEntity>;

  @Column({ type: 'varchar', length: 20 })
  capacity!: ValidationCapacity;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
