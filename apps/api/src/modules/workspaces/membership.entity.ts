import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { WorkspaceRole } from '#domain';
import { UserEntity } from '../users/user.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';

/** A user's role in a workspace. */
@Entity({ name: 'membership' })
@Unique('UQ_membership_workspace_user', ['workspaceId', 'userId'])
@Check('CHK_membership_role', `"role" IN ('admin', 'facilitator', 'viewer')`)
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'varchar', length: 20 })
  role!: WorkspaceRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
