import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795771200000 implements MigrationInterface {
  name = 'Reports1795771200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "locale" character varying(2) NOT NULL DEFAULT 'fr', "revision" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_report_evaluation" UNIQUE ("evaluation_id"), CONSTRAINT "CHK_report_revision" CHECK ("revision" >= 1), CONSTRAINT "CHK_report_locale" CHECK ("locale" IN ('fr', 'en')), CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1656a51545d3cb1414c157db7a" ON "report"  ("workspace_id") `);
    await queryRunner.query(`CREATE TABLE "report_render" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "report_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "revision" integer NOT NULL, "locale" character varying(2) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'queued', "progress" integer NOT NULL DEFAULT '0', "error" text, "pdf" bytea, "pages" integer, "size_bytes" integer, "version_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_report_render_progress" CHECK ("progress" BETWEEN 0 AND 100), CONSTRAINT "CHK_report_render_locale" CHECK ("locale" IN ('fr', 'en')), CONSTRAINT "CHK_report_render_status" CHECK ("status" IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "CHK_report_render_kind" CHECK ("kind" IN ('draft', 'final')), CONSTRAINT "PK_fca043dc315727b6b7d4bb9de98" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_report_render_status_created" ON "report_render"  ("status", "created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_report_render_report_created" ON "report_render"  ("report_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "report_section" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "report_id" uuid NOT NULL, "key" character varying(80) NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200), "narrative" text NOT NULL DEFAULT '', "version" integer NOT NULL DEFAULT '1', "charts" jsonb NOT NULL DEFAULT '[]', "stories" jsonb NOT NULL DEFAULT '[]', "testimonies" jsonb NOT NULL DEFAULT '[]', "actions" jsonb NOT NULL DEFAULT '[]', "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_report_section_report_key" UNIQUE ("report_id", "key"), CONSTRAINT "CHK_report_section_version" CHECK ("version" >= 1), CONSTRAINT "CHK_report_section_narrative" CHECK (char_length("narrative") <= 50000), CONSTRAINT "CHK_report_section_kind" CHECK ("kind" IN ('summary', 'context', 'dimension', 'crossed', 'action-plan', 'conclusion')), CONSTRAINT "PK_9ba121a782362e2b7360c7160d5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "report_section_edit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "report_id" uuid NOT NULL, "section_id" uuid NOT NULL, "version" integer NOT NULL, "fields" jsonb NOT NULL, "narrative_before" text, "narrative_after" text, "user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_47c102d3d5ad74724a0a717f226" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_report_section_edit_section_version" ON "report_section_edit"  ("section_id", "version") `);
    await queryRunner.query(`CREATE TABLE "report_validation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "report_id" uuid NOT NULL, "capacity" character varying(20) NOT NULL, "user_id" uuid NOT NULL, "revision" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_report_validation_report_capacity" UNIQUE ("report_id", "capacity"), CONSTRAINT "CHK_report_validation_capacity" CHECK ("capacity" IN ('facilitator', 'contact')), CONSTRAINT "PK_a5e6080d6832a108bcd396e93ff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "report_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "report_id" uuid NOT NULL, "number" integer NOT NULL, "revision" integer NOT NULL, "locale" character varying(2) NOT NULL, "pdf" bytea NOT NULL, "sha256" character(64) NOT NULL, "pages" integer NOT NULL, "size_bytes" integer NOT NULL, "validated_by" jsonb NOT NULL, "validated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_report_version_report_number" UNIQUE ("report_id", "number"), CONSTRAINT "CHK_report_version_number" CHECK ("number" >= 1), CONSTRAINT "CHK_report_version_locale" CHECK ("locale" IN ('fr', 'en')), CONSTRAINT "PK_8004087a0a3c02b7b0843d5a5a9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "logo" bytea`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "logo_type" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_organization_logo_type" CHECK ("logo_type" IS NULL OR "logo_type" IN ('image/png', 'image/jpeg'))`);
    await queryRunner.query(`ALTER TABLE "organization" ADD CONSTRAINT "CHK_organization_logo" CHECK (("logo" IS NULL) = ("logo_type" IS NULL))`);
    await queryRunner.query(`ALTER TABLE "report" ADD CONSTRAINT "FK_1656a51545d3cb1414c157db7a7" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report" ADD CONSTRAINT "FK_aa3d1e960c424dd69fed6ea1ecf" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_render" ADD CONSTRAINT "FK_8a141486a5b79e4e749d1d27ddc" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_section" ADD CONSTRAINT "FK_1d38e03a2135058b311a79c41a4" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_section_edit" ADD CONSTRAINT "FK_da3f2350aacf2d187b1cfdaf618" FOREIGN KEY ("section_id") REFERENCES "report_section"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_validation" ADD CONSTRAINT "FK_4822b2c68b790b865086e6fe329" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_validation" ADD CONSTRAINT "FK_0600a4927d75243f878f37a0bda" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "report_version" ADD CONSTRAINT "FK_5dbfbc354df1bb50f95cbe0f613" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // A validated version is frozen: the database itself refuses to change one.
    await queryRunner.query(`CREATE FUNCTION "report_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'report_version % is immutable: a validated version is never changed', OLD.id USING ERRCODE = 'integrity_constraint_violation'; END $$`);
    await queryRunner.query(`CREATE TRIGGER "TRG_report_version_immutable" BEFORE UPDATE ON "report_version" FOR EACH ROW EXECUTE FUNCTION "report_version_immutable"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_report_version_immutable" ON "report_version"`);
    await queryRunner.query(`DROP FUNCTION "report_version_immutable"()`);
    await queryRunner.query(`ALTER TABLE "report_version" DROP CONSTRAINT "FK_5dbfbc354df1bb50f95cbe0f613"`);
    await queryRunner.query(`ALTER TABLE "report_validation" DROP CONSTRAINT "FK_0600a4927d75243f878f37a0bda"`);
    await queryRunner.query(`ALTER TABLE "report_validation" DROP CONSTRAINT "FK_4822b2c68b790b865086e6fe329"`);
    await queryRunner.query(`ALTER TABLE "report_section_edit" DROP CONSTRAINT "FK_da3f2350aacf2d187b1cfdaf618"`);
    await queryRunner.query(`ALTER TABLE "report_section" DROP CONSTRAINT "FK_1d38e03a2135058b311a79c41a4"`);
    await queryRunner.query(`ALTER TABLE "report_render" DROP CONSTRAINT "FK_8a141486a5b79e4e749d1d27ddc"`);
    await queryRunner.query(`ALTER TABLE "report" DROP CONSTRAINT "FK_aa3d1e960c424dd69fed6ea1ecf"`);
    await queryRunner.query(`ALTER TABLE "report" DROP CONSTRAINT "FK_1656a51545d3cb1414c157db7a7"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_organization_logo"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP CONSTRAINT "CHK_organization_logo_type"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "logo_type"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "logo"`);
    await queryRunner.query(`DROP TABLE "report_version"`);
    await queryRunner.query(`DROP TABLE "report_validation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_section_edit_section_version"`);
    await queryRunner.query(`DROP TABLE "report_section_edit"`);
    await queryRunner.query(`DROP TABLE "report_section"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_render_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_render_report_created"`);
    await queryRunner.query(`DROP TABLE "report_render"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1656a51545d3cb1414c157db7a"`);
    await queryRunner.query(`DROP TABLE "report"`);
  }
}
