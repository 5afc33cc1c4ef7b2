import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fixed-window counter kept in PostgreSQL, so throttling holds across API replicas. */
@Entity({ name: 'rate_limit_bucket' })
export class RateLimitBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 400 })
  key!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ type: 'timestamptz' })
  windowEndsAt!: Date;
}
