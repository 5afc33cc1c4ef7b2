import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import { ANONYMITY_MODES, STAKEHOLDER_GROUP_KEYS, type AnonymityMode, type StakeholderGroupKey } from '#domain';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { EvaluationEntity } from './evaluation.entity.js';

/**
 * A stakeholder group invited to an evaluation: how many answers are expected and how its
 * respondents are known. The self-assessment group is in every evaluation.
 */
@Entity({ name: 'evaluation_group' })
@Unique('UQ_evaluation_group_evaluation_group_key', ['evaluationId', 'groupKey'])
@Check('CHK_evaluation_group_key', `"group_key" IN (${STAKEHOLDER_GROUP_KEYS.map((key) => `'${key}'`).join(', ')})`)
@Check('CHK_evaluation_group_anonymity', `"anonymity" IN (${ANONYMITY_MODES.map((mode) => `'${mode}'`).join(', ')})`)
@Check('CHK_evaluation_group_expected_count', `"expected_count" >= 0`)
export class EvaluationGroupEntity {
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

  @Column({ type: 'varchar', length: 40 })
  groupKey!: StakeholderGroupKey;

  @Column({ type: 'integer', default: 0 })
  expectedCount!: number;

  @Column({ type: 'varchar', length: 20 })
  anonymity!: AnonymityMode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
