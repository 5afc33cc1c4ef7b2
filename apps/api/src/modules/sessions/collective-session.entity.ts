import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SESSION_STATUSES, type SessionStatus, type StakeholderGroupKey } from '#domain';
import { EvaluationEntity } from '../evaluations/evaluation.entity.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/**
 * A workshop where one group answers together: the facilitator shows a short code (and its QR
 * code), participants join on their phones or one after another on a kiosk tablet. In consensus
 * mode the facilitator also records the group's agreed answers. The code is unique among open
 * sessions only.
 */
@Entity({ name: 'collective_session' })
@Check('CHK_collective_session_status', `"status" IN (${SESSION_STATUSES.map((status) => `'${status}'`).join(', ')})`)
@Check('CHK_collective_session_closed', `("status" = 'closed') = ("closed_at" IS NOT NULL)`)
@Index('UQ_collective_session_open_code', ['code'], { unique: true, where: `"status" = 'open'` })
export class CollectiveSessionEntity {
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
  evaluationId!: string;

  @ManyToOne(() => EvaluationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: Relation<EvaluationEntity>;

  @Column({ type: 'varchar', length: 40 })
  groupKey!: StakeholderGroupKey;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  @Column({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status!: SessionStatus;

  @Column({ type: 'boolean', default: false })
  consensus!: boolean;

  @Column({ type: 'uuid', nullable: true })
  openedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
