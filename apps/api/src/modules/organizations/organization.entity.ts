import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { LOGO_TYPES, type LogoType } from './logo-image.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';

/**
 * A structure supported by the network (association, cooperative…). Its logo (PNG or JPEG,
 * checked at upload) is printed on the cover of its reports; it is read only by the logo route
 * and the report, never with the organization.
 */
@Entity({ name: 'organization' })
@Check('CHK_organization_logo', `("logo" IS NULL) = ("logo_type" IS NULL)`)
@Check('CHK_organization_deletion_request', `("deletion_requested_at" IS NULL) = ("deletion_reason" IS NULL)`)
@Check('CHK_organization_logo_type', `"logo_type" IS NULL OR "logo_type" IN (${LOGO_TYPES.map((t) => `'${t}'`).join(', ')})`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workspaceId!: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Relation<WorkspaceEntity>;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  legalForm!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  city!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  logo!: Buffer | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  logoType!: LogoType | null;

  /**
   * The organization asked the network to delete all its data (GDPR): when, by whom, why. A
   * workspace admin then deletes it (DELETE …/organizations/:id), or the request is withdrawn.
   */
  @Column({ type: 'timestamptz', nullable: true })
  deletionRequestedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  deletionRequestedBy!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  deletionReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
