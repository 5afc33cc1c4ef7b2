import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { compileQuestionnaire, type CustomQuestion, type FrameworkContent, type Locale, type Questionnaire, type StakeholderGroupKey } from '#domain';

/** What a group's questionnaire is compiled from: the evaluation and the version of its design. */
export interface QuestionnaireKey {
  evaluationId: string;
  groupKey: StakeholderGroupKey;
  /** The pinned version's content hash: the version itself never changes once published. */
  contentHash: string;
  /** The evaluation's `updated_at`: every change of its design (dimensions, custom questions, groups, re-pin) moves it. */
  updatedAt: Date;
}

/** Far more than the evaluations collecting at once on one server; the oldest entries go first. */
const MAX_ENTRIES = 500;

interface DesignRow {
  content: FrameworkContent;
  dimension_keys: string[];
  custom_questions: CustomQuestion[];
}

/**
 * The compiled questionnaire of each evaluation × group, kept in memory: every respondent save is
 * validated against it, and compiling on each save would cost more than the save itself. A key
 * holds the evaluation's `updated_at`, so a change of design is a new key and the old entry is
 * never read again. The compiled questionnaire carries both languages; only `survey.locale`
 * differs between them, so one entry serves both.
 */
@Injectable()
export class QuestionnaireCache {
  private readonly entries = new Map<string, Promise<Questionnaire>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(key: QuestionnaireKey, locale: Locale = 'fr'): Promise<Questionnaire> {
    const id = `${key.evaluationId}|${key.groupKey}|${key.contentHash}|${key.updatedAt.getTime()}`;
    let entry = this.entries.get(id);
    if (entry) {
      // Most recently used last, so that eviction drops the coldest.
      this.entries.delete(id);
      this.entries.set(id, entry);
    } else {
      entry = this.compile(key);
      this.entries.set(id, entry);
      // A failed compilation is not kept: the next request tries again.
      void entry.catch(() => this.entries.delete(id));
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    const questionnaire = await entry;
    return questionnaire.locale === locale ? questionnaire : { ...questionnaire, locale, survey: { ...questionnaire.survey, locale } };
  }

  private async compile(key: QuestionnaireKey): Promise<Questionnaire> {
    const rows = await this.dataSource.query<DesignRow[]>(
      `SELECT v.content, e.dimension_keys, e.custom_questions
         FROM evaluation e
         JOIN framework_version v ON v.id = e.framework_version_id
        WHERE e.id = $1`,
      [key.evaluationId],
    );
    const row = rows[0];
    if (!row) throw new Error(`evaluation ${key.evaluationId} has disappeared`);
    // A design read a moment later than the key's is harmless: the questions a group answers
    // only change while draft, when nobody answers; later changes (dates, counts) leave them be.
    return compileQuestionnaire({
      version: { content: row.content },
      dimensionKeys: row.dimension_keys,
      customQuestions: row.custom_questions,
      group: key.groupKey,
      locale: 'fr',
    });
  }
}
