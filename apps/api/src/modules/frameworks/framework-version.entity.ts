import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, type Relation } from 'typeorm';
import type { FrameworkContent } from '#domain';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { FrameworkEntity } from './framework.entity.js';

/**
 * One version of a framework: a draft (editable, one at most per framework) or published
 * (frozen; its content hashed). `revision` grows at each save of a draft, so a save based on a
 * stale copy is refused instead of overwriting someone else's edit.
 */
@Entity({ name: 'framework_version' })
@Unique('UQ_framework_version_number', ['frameworkId', 'number'])
@Index('UQ_framework_version_one_draft', ['frameworkId'], { unique: true, where: `status = 'draft'` })
@Check('CHK_framework_version_status', `"status" IN ('draft', 'published')`)
@Check('CHK_framework_version_published_hash', `("status" = 'draft') = ("content_hash" IS NULL)`)
export class FrameworkVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'uuid' })
  frameworkId!: string;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id' })
  framework?: Relation<FrameworkEntity>;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 20 })
  status!: 'draft' | 'published';

  @Column({ type: 'jsonb' })
  content!: FrameworkContent;

  @Column({ type: 'char', length: 64, nullable: true })
  contentHash!: string | null;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
