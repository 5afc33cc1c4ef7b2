import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Verbatims1795749261424 implements MigrationInterface {
  name = 'Verbatims1795749261424';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "story_selection" ("answer_id" bigint NOT NULL, "workspace_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "reason" text NOT NULL, "masked_text" text NOT NULL, "selected_by" uuid, "selected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_story_selection_reason" CHECK (char_length("reason") BETWEEN 3 AND 2000), CONSTRAINT "PK_f8eb44b7f604bc66b2bb4986fd3" PRIMARY KEY ("answer_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_9792531902c494bd8de81aed4b" ON "story_selection"  ("evaluation_id") `);
    await queryRunner.query(`CREATE TABLE "verbatim_theme" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "workspace_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "label" character varying(80) NOT NULL, "label_key" character varying(80) NOT NULL, "description" character varying(500), "color" character varying(20), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_verbatim_theme_evaluation_label" UNIQUE ("evaluation_id", "label_key"), CONSTRAINT "CHK_verbatim_theme_color" CHECK ("color" IS NULL OR "color" IN ('blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'pink', 'grape', 'violet', 'indigo', 'gray')), CONSTRAINT "PK_f834b3fd5e7cebb9a171a04e029" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1f0e45f843cacdff7ef9ead3ec" ON "verbatim_theme"  ("workspace_id") `);
    await queryRunner.query(`CREATE TABLE "verbatim_coding" ("answer_id" bigint NOT NULL, "theme_id" uuid NOT NULL, "workspace_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "coded_by" uuid, "coded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c72e8b5703713c57382baa52fff" PRIMARY KEY ("answer_id", "theme_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0dd4149a0703e0891984775fb6" ON "verbatim_coding"  ("theme_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_368dc3c4ae05ea44365657c1c7" ON "verbatim_coding"  ("evaluation_id") `);
    await queryRunner.query(`CREATE TABLE "verbatim" ("answer_id" bigint NOT NULL, "workspace_id" uuid NOT NULL, "evaluation_id" uuid NOT NULL, "masked_text" text NOT NULL, "masked" boolean NOT NULL, "search_text" text NOT NULL, "masking_key" character(64) NOT NULL, CONSTRAINT "PK_2dcdf4afb904f79f3b03410225a" PRIMARY KEY ("answer_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_verbatim_evaluation_answer" ON "verbatim"  ("evaluation_id", "answer_id") `);
    await queryRunner.query(`ALTER TABLE "story_selection" ADD CONSTRAINT "FK_f8eb44b7f604bc66b2bb4986fd3" FOREIGN KEY ("answer_id") REFERENCES "answer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "verbatim_theme" ADD CONSTRAINT "FK_1f0e45f843cacdff7ef9ead3ecb" FOREIGN KEY ("workspace_id") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "verbatim_theme" ADD CONSTRAINT "FK_a6d465cc49fb713261df6cf7819" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "verbatim_coding" ADD CONSTRAINT "FK_c62311b8e0e082ea45f670cb0db" FOREIGN KEY ("answer_id") REFERENCES "answer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "verbatim_coding" ADD CONSTRAINT "FK_0dd4149a0703e0891984775fb69" FOREIGN KEY ("theme_id") REFERENCES "verbatim_theme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "verbatim" ADD CONSTRAINT "FK_2dcdf4afb904f79f3b03410225a" FOREIGN KEY ("answer_id") REFERENCES "answer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "verbatim" DROP CONSTRAINT "FK_2dcdf4afb904f79f3b03410225a"`);
    await queryRunner.query(`ALTER TABLE "verbatim_coding" DROP CONSTRAINT "FK_0dd4149a0703e0891984775fb69"`);
    await queryRunner.query(`ALTER TABLE "verbatim_coding" DROP CONSTRAINT "FK_c62311b8e0e082ea45f670cb0db"`);
    await queryRunner.query(`ALTER TABLE "verbatim_theme" DROP CONSTRAINT "FK_a6d465cc49fb713261df6cf7819"`);
    await queryRunner.query(`ALTER TABLE "verbatim_theme" DROP CONSTRAINT "FK_1f0e45f843cacdff7ef9ead3ecb"`);
    await queryRunner.query(`ALTER TABLE "story_selection" DROP CONSTRAINT "FK_f8eb44b7f604bc66b2bb4986fd3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_verbatim_evaluation_answer"`);
    await queryRunner.query(`DROP TABLE "verbatim"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_368dc3c4ae05ea44365657c1c7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0dd4149a0703e0891984775fb6"`);
    await queryRunner.query(`DROP TABLE "verbatim_coding"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1f0e45f843cacdff7ef9ead3ec"`);
    await queryRunner.query(`DROP TABLE "verbatim_theme"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9792531902c494bd8de81aed4b"`);
    await queryRunner.query(`DROP TABLE "story_selection"`);
  }
}
