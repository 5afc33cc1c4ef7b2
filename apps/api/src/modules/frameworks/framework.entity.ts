import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/**
 * A social-utility framework (référentiel) of a workspace. Its content lives in versions.
 * A framework shared in the commons is visible to every workspace, which may fork it; a fork
 * keeps the link to its origin and the attribution.
 */
@Entity({ name: 'framework' })
export class FrameworkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  /** The name in the workspace's list (French first); the content carries its own bilingual title. */
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The shipped default framework, seeded in every workspace. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  builtinKey!: string | null;

  /** The framework this one was forked from (possibly of another workspace, through the commons). */
  @Column({ type: 'uuid', nullable: true })
  originFrameworkId!: string | null;

  /** Who made the origin, kept even if the origin is withdrawn: "Réseau X — CC BY-SA 4.0". */
  @Column({ type: 'varchar', length: 400, nullable: true })
  originAttribution!: string | null;

  @Index({ where: 'shared_at IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  sharedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
