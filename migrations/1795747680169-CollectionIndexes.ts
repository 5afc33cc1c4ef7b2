import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollectionIndexes1795747680169 implements MigrationInterface {
  name = 'CollectionIndexes1795747680169';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_submission_link" ON "submission"  ("link_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_submission_evaluation_status_submitted" ON "submission"  ("evaluation_id", "status", "submitted_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_submission_evaluation_status_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_submission_link"`);
  }
}
