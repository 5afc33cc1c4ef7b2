import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Frameworks1795710420154 implements MigrationInterface {
  name = 'Frameworks1795710420154';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "framework" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "builtin_key" character varying(60), "origin_framework_id" uuid, "origin_attribution" character varying(400), "shared_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_413064c9a2fb226f0d933712883" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_d3dc783d587e8ef4fcec1ef4b2" ON "framework"  ("workspace_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_11b9d71ce826a91cc98f6d42db" ON "framework"  ("shared_at") WHERE shared_at IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "framework_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "framework_id" uuid NOT NULL, "number" integer NOT NULL, "status" character varying(20) NOT NULL, "content" jsonb NOT NULL, "content_hash" character(64), "revision" integer NOT NULL DEFAULT '1', "published_at" TIMESTAMP WITH TIME ZONE, "published_by" uuid, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_framework_version_number" UNIQUE ("framework_id", "number"), CONSTRAINT "CHK_framework_version_published_hash" CHECK (("status" = 'draft') = ("content_hash" IS NULL)), CONSTRAINT "CHK_framework_version_status" CHECK ("status" IN ('draft', 'published')), CONSTRAINT "PK_2688dee70c7ba768c999e4b23be" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a874f7be1fc68292b28a7a11ec" ON "framework_version"  ("workspace_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_framework_version_one_draft" ON "framework_version"  ("framework_id") WHERE status = 'draft'`);
    await queryRunner.query(`ALTER TABLE "framework" ADD CONSTRAINT "FK_d3dc783d587e8ef4fcec1ef4b20" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "framework_version" ADD CONSTRAINT "FK_a874f7be1fc68292b28a7a11ecd" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "framework_version" ADD CONSTRAINT "FK_c2cb554a94284b99b8762614443" FOREIGN KEY ("framework_id") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // A second wall behind the service: a published version never changes.
    await queryRunner.query(`CREATE FUNCTION framework_version_freeze() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'published framework version % is immutable', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER framework_version_freeze BEFORE UPDATE ON "framework_version" FOR EACH ROW EXECUTE FUNCTION framework_version_freeze()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER framework_version_freeze ON "framework_version"`);
    await queryRunner.query(`DROP FUNCTION framework_version_freeze()`);
    await queryRunner.query(`ALTER TABLE "framework_version" DROP CONSTRAINT "FK_c2cb554a94284b99b8762614443"`);
    await queryRunner.query(`ALTER TABLE "framework_version" DROP CONSTRAINT "FK_a874f7be1fc68292b28a7a11ecd"`);
    await queryRunner.query(`ALTER TABLE "framework" DROP CONSTRAINT "FK_d3dc783d587e8ef4fcec1ef4b20"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_framework_version_one_draft"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a874f7be1fc68292b28a7a11ec"`);
    await queryRunner.query(`DROP TABLE "framework_version"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_11b9d71ce826a91cc98f6d42db"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d3dc783d587e8ef4fcec1ef4b2"`);
    await queryRunner.query(`DROP TABLE "framework"`);
  }
}
