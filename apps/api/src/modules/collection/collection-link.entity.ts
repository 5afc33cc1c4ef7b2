import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { LINK_KINDS, type LinkKind, type StakeholderGroupKey } from '#domain';
import { EvaluationEntity } from '../evaluations/evaluation.entity.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { CollectiveSessionEntity } from '../sessions/collective-session.entity.js';

/**
 * A link a respondent opens to answer one group's questionnaire. Only the SHA-256 of its token is
 * kept; the token itself is shown once, when the link is made. A personal link may name its
 * respondent (confidential and named groups only); a shared link may cap its submissions; a
 * session link was issued to one participant who joined a collective session.
 */
@Entity({ name: 'collection_link' })
@Check('CHK_collection_link_kind', `"kind" IN (${LINK_KINDS.map((kind) => `'${kind}'`).join(', ')})`)
@Check('CHK_collection_link_max_submissions', `"max_submissions" IS NULL OR "max_submissions" >= 1`)
@Check('CHK_collection_link_session', `("kind" = 'session') = ("session_id" IS NOT NULL)`)
@Check('CHK_collection_link_kiosk', `NOT "kiosk" OR "kind" = 'session'`)
export class CollectionLinkEntity {
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

  @Column({ type: 'varchar', length: 20 })
  kind!: LinkKind;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash!: string;

  /** Who the personal link is for, as the facilitator wrote it (confidential and named groups only). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  label!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'integer', nullable: true })
  maxSubmissions!: number | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => CollectiveSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<CollectiveSessionEntity>;

  /** A session link opened on a shared kiosk tablet: its submissions are of the kiosk channel. */
  @Column({ type: 'boolean', default: false })
  kiosk!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSentAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  reminderCount!: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
