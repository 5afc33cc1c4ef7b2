import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { CollectiveSessionEntity } from './collective-session.entity.js';

/**
 * The answer a group agreed on together in a collective session, for one question, with the
 * reasons given. Kept apart from individual submissions: it is shown beside their distribution,
 * never counted in it. `value` is what a SurveyJS answer to that question would be.
 */
@Entity({ name: 'consensus_answer' })
@Unique('UQ_consensus_answer_session_question', ['sessionId', 'questionKey'])
export class ConsensusAnswerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CollectiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<CollectiveSessionEntity>;

  @Index()
  @Column({ type: 'uuid' })
  evaluationId!: string;

  @Column({ type: 'varchar', length: 120 })
  questionKey!: string;

  @Column({ type: 'varchar', length: 120 })
  indicatorKey!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @Column({ type: 'text', default: '' })
  reasons!: string;

  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
