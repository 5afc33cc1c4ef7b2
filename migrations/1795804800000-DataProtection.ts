import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DataProtection1795804800000 implements MigrationInterface {
  name = 'DataProtection1795804800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation" ADD "retention_months" integer NOT NULL DEFAULT '12'`);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD "purged_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD "retained_analysis" jsonb`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "deletion_requested_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "deletion_requested_by" uuid`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "deletion_reason" character varying(1000)`);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD CONSTRAINT "CHK_evaluation_retention_months" CHECK ("retention_months" BETWEEN 1 AND 120)`);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD CONSTRAINT "CHK_evaluation_purged" CHECK (("purged_at" IS NULL) = ("retained_analysis" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_organization_deletion_request" CHECK (("deletion_requested_at" IS NULL) = ("deletion_reason" IS NULL))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_organization_deletion_request"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP CONSTRAINT "CHK_evaluation_purged"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP CONSTRAINT "CHK_evaluation_retention_months"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "deletion_reason"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "deletion_requested_by"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "deletion_requested_at"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP COLUMN "retained_analysis"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP COLUMN "purged_at"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP COLUMN "retention_months"`);
  }
}
