import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person with an account. Not tenant-owned: one account can belong to several networks. */
@Entity({ name: 'user_account' })
@Check('CHK_user_account_locale', `"locale" IN ('fr', 'en')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored trimmed and lower-cased; unique. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 2, default: 'fr' })
  locale!: 'fr' | 'en';

  /** May create workspaces (support networks) on this instance. */
  @Column({ type: 'boolean', default: false })
  isPlatformAdmin!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
