import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Evaluations1795713132394 implements MigrationInterface {
  name = 'Evaluations1795713132394';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evaluation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "framework_version_id" uuid NOT NULL, "content_hash" character(64) NOT NULL, "title" character varying(200) NOT NULL, "dimension_keys" jsonb NOT NULL, "custom_questions" jsonb NOT NULL DEFAULT '[]', "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "k_threshold" integer NOT NULL DEFAULT '5', "status" character varying(20) NOT NULL DEFAULT 'draft', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_evaluation_custom_questions" CHECK (jsonb_typeof("custom_questions") = 'array'), CONSTRAINT "CHK_evaluation_dimension_keys" CHECK (jsonb_typeof("dimension_keys") = 'array' AND jsonb_array_length("dimension_keys") >= 1), CONSTRAINT "CHK_evaluation_dates" CHECK ("closes_at" > "opens_at"), CONSTRAINT "CHK_evaluation_k_threshold" CHECK ("k_threshold" >= 3), CONSTRAINT "CHK_evaluation_status" CHECK ("status" IN ('draft', 'collecting', 'analysing', 'reporting', 'closed')), CONSTRAINT "PK_b72edd439b9db736f55b584fa54" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7f13c91ddf83e8a9bb2d247b17" ON "evaluation"  ("workspace_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_1696b359da1150aa1168588df6" ON "evaluation"  ("organization_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_de9b838bffd1de1689b2f3adb9" ON "evaluation"  ("framework_version_id") `);
    await queryRunner.query(`CREATE TABLE "evaluation_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "group_key" character varying(40) NOT NULL, "expected_count" integer NOT NULL DEFAULT '0', "anonymity" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_evaluation_group_evaluation_group_key" UNIQUE ("evaluation_id", "group_key"), CONSTRAINT "CHK_evaluation_group_expected_count" CHECK ("expected_count" >= 0), CONSTRAINT "CHK_evaluation_group_anonymity" CHECK ("anonymity" IN ('anonymous', 'confidential', 'named')), CONSTRAINT "CHK_evaluation_group_key" CHECK ("group_key" IN ('self_assessment', 'staff', 'volunteers', 'board', 'beneficiaries', 'partners', 'local_officials', 'inhabitants')), CONSTRAINT "PK_e4be4086c87d9ef6ae504dba0cc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3a34bccc2d0615133010bda8ad" ON "evaluation_group"  ("workspace_id") `);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD CONSTRAINT "FK_7f13c91ddf83e8a9bb2d247b177" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD CONSTRAINT "FK_1696b359da1150aa1168588df69" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation" ADD CONSTRAINT "FK_de9b838bffd1de1689b2f3adb9f" FOREIGN KEY ("framework_version_id") REFERENCES "framework_version"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation_group" ADD CONSTRAINT "FK_3a34bccc2d0615133010bda8adb" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "evaluation_group" ADD CONSTRAINT "FK_9fb43f7cc940648630c54274f8d" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evaluation_group" DROP CONSTRAINT "FK_9fb43f7cc940648630c54274f8d"`);
    await queryRunner.query(`ALTER TABLE "evaluation_group" DROP CONSTRAINT "FK_3a34bccc2d0615133010bda8adb"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP CONSTRAINT "FK_de9b838bffd1de1689b2f3adb9f"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP CONSTRAINT "FK_1696b359da1150aa1168588df69"`);
    await queryRunner.query(`ALTER TABLE "evaluation" DROP CONSTRAINT "FK_7f13c91ddf83e8a9bb2d247b177"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a34bccc2d0615133010bda8ad"`);
    await queryRunner.query(`DROP TABLE "evaluation_group"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_de9b838bffd1de1689b2f3adb9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1696b359da1150aa1168588df6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7f13c91ddf83e8a9bb2d247b17"`);
    await queryRunner.query(`DROP TABLE "evaluation"`);
  }
}
