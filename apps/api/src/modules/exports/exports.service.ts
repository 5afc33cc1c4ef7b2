import type { Writable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FrameworkContent, StakeholderGroupKey, SubmissionChannel } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { EvaluationsService } from '../evaluations/evaluations.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type { ExportQueryDto } from './dto/export-query.dto.js';
import { contentDisposition } from './export-filename.js';
import { CsvSheetWriter, ExportAborted, XlsxSheetWriter, type SheetWriter } from './sheet-writers.js';
import { SubmissionTable, type AnswerRecord, type ExportGroup, type ExportOptions, type SubmissionRecord } from './submission-table.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Submissions read per query, with their answer rows: what an export holds in memory at once. */
export const EXPORT_BATCH_SIZE = 500;

/** Rows converted and written between two returns to the event loop (a few milliseconds of work). */
const EXPORT_SLICE_ROWS = 50;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Everything an export needs, checked and compiled before its first byte. */
export interface ExportPlan {
  format: ExportFormat;
  options: ExportOptions;
  workspaceId: string;
  userId: string;
  organizationId: string;
  evaluationId: string;
  groupKey: StakeholderGroupKey | null;
  groupKeys: StakeholderGroupKey[];
  namedGroupKeys: StakeholderGroupKey[];
  table: SubmissionTable;
  contentType: string;
  contentDisposition: string;
}

interface SubmissionRow {
  id: string;
  group_key: StakeholderGroupKey;
  channel: SubmissionChannel;
  submitted_at: Date;
  cursor_at: string;
  respondent_name: string | null;
  excluded_at: Date | null;
  exclusion_reason: string | null;
}

interface AnswerRow {
  submission_id: string;
  question_key: string;
  part: 'answer' | 'why';
  numeric_value: number | null;
  choice_value: string | null;
  text_value: string | null;
  dont_know: boolean;
}

/**
 * Keyset pagination in submission order: each query starts after the last row of the previous
 * one, so no batch rereads what came before and nothing is held between batches. The cursor's
 * time is passed back as the database's own text (microseconds), never through a JS Date
 * (milliseconds), which would repeat or skip rows.
 *
 * The respondent's name is read for named groups only: a confidential group's identity does not
 * even leave the database for an export.
 */
export const SUBMISSIONS_SQL = `
  SELECT s.id, s.group_key, s.channel, s.submitted_at, s.submitted_at::text AS cursor_at,
         CASE WHEN s.group_key = ANY($4::varchar[]) THEN s.respondent_name END AS respondent_name,
         s.excluded_at, s.exclusion_reason
    FROM submission s
   WHERE s.workspace_id = $1
     AND s.evaluation_id = $2
     AND s.status = 'submitted'
     AND s.group_key = ANY($3::varchar[])
     AND ($5::boolean OR s.excluded_at IS NULL)
     AND (s.submitted_at, s.id) > ($6::timestamptz, $7::uuid)
   ORDER BY s.submitted_at, s.id
   LIMIT $8`;

export const ANSWERS_SQL = `
  SELECT a.submission_id, a.question_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
    FROM answer a
   WHERE a.workspace_id = $1
     AND a.submission_id = ANY($2::uuid[])
   ORDER BY a.submission_id, a.id`;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Exports of an evaluation's submitted submissions as CSV or XLSX, streamed: submissions are
 * read in batches as the client downloads, so the memory an export takes does not grow with the
 * number of submissions. Each export is audited (`evaluation.exported`) with what was asked and
 * how many rows left, before the file is completed — and also when the download is cut short.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly evaluations: EvaluationsService,
  ) {}

  async prepare(organizationId: string, evaluationId: string, format: ExportFormat, query: ExportQueryDto): Promise<ExportPlan> {
    const options: ExportOptions = { locale: query.locale ?? 'fr', codes: query.codes === 'true', includeExcluded: query.includeExcluded === 'true' };
    const evaluation = await this.evaluations.get(organizationId, evaluationId);
    const groupKey = query.groupKey ?? null;
    if (groupKey !== null && !evaluation.groups.some((group) => group.groupKey === groupKey)) {
      const groups = evaluation.groups.map((group) => group.groupKey).join(', ');
      throw AppException.validation([{ path: 'groupKey', code: 'not-in-evaluation', message: `This evaluation has no ${groupKey} group; its groups are ${groups}.` }]);
    }
    const groups: ExportGroup[] = [];
    for (const group of evaluation.groups) {
      if (groupKey !== null && group.groupKey !== groupKey) continue;
      const questionnaire = await this.evaluations.questionnaire(organizationId, evaluationId, group.groupKey, options.locale);
      groups.push({ groupKey: group.groupKey, anonymity: group.anonymity, questionnaire });
    }
    const content = await this.frameworkContent(evaluation.frameworkVersionId);
    const table = new SubmissionTable(groups, { content, dimensionKeys: evaluation.dimensionKeys, customQuestions: evaluation.customQuestions }, options);
    return {
      format,
      options,
      workspaceId: this.tenant.workspaceId,
      userId: this.tenant.userId,
      organizationId,
      evaluationId,
      groupKey,
      groupKeys: groups.map((group) => group.groupKey),
      namedGroupKeys: groups.filter((group) => group.anonymity === 'named').map((group) => group.groupKey),
      table,
      contentType: EXPORT_CONTENT_TYPES[format],
      contentDisposition: contentDisposition({
        organizationName: await this.organizationName(organizationId),
        evaluationTitle: evaluation.title,
        date: new Date(),
        extension: format,
      }),
    };
  }

  /**
   * Writes the file into `out` (the HTTP response, its headers already set) and ends it. A
   * download cut short by the client stops the reading and is audited as incomplete; any other
   * failure also cuts the output, so a truncated file is never taken for a whole one.
   */
  async stream(plan: ExportPlan, out: Writable): Promise<void> {
    const writer: SheetWriter = plan.format === 'csv' ? new CsvSheetWriter(out, plan.options.locale) : new XlsxSheetWriter(out, plan.options.locale);
    let rowCount = 0;
    try {
      await writer.start(plan.table.columns);
      for await (const batch of this.batches(plan)) {
        // A batch is turned into rows a slice at a time, giving the event loop back in between:
        // an export is work for one facilitator, and must not hold up the respondents' requests.
        for (let start = 0; start < batch.length; start += EXPORT_SLICE_ROWS) {
          await writer.write(batch.slice(start, start + EXPORT_SLICE_ROWS).map((submission) => plan.table.row(submission)));
          await yieldToEventLoop();
        }
        rowCount += batch.length;
      }
      await this.recordExport(plan, rowCount, true);
    } catch (error) {
      writer.abort();
      await this.recordExport(plan, rowCount, false).catch((auditError: unknown) => this.logger.error(auditError));
      if (error instanceof ExportAborted) return;
      throw error;
    }
    try {
      await writer.finish(plan.table.questionSheet());
    } catch (error) {
      writer.abort();
      if (!(error instanceof ExportAborted)) throw error;
    }
  }

  private async *batches(plan: ExportPlan): AsyncGenerator<SubmissionRecord[]> {
    let after = { at: '-infinity', id: NIL_UUID };
    for (;;) {
      const rows = await this.dataSource.query<SubmissionRow[]>(SUBMISSIONS_SQL, [
        plan.workspaceId,
        plan.evaluationId,
        plan.groupKeys,
        plan.namedGroupKeys,
        plan.options.includeExcluded,
        after.at,
        after.id,
        EXPORT_BATCH_SIZE,
      ]);
      if (rows.length === 0) return;
      const answers = await this.dataSource.query<AnswerRow[]>(ANSWERS_SQL, [plan.workspaceId, rows.map((row) => row.id)]);
      const bySubmission = new Map<string, AnswerRecord[]>(rows.map((row) => [row.id, []]));
      for (const answer of answers) {
        bySubmission.get(answer.submission_id)?.push({
          questionKey: answer.question_key,
          part: answer.part,
          numericValue: answer.numeric_value,
          choiceValue: answer.choice_value,
          textValue: answer.text_value,
          dontKnow: answer.dont_know,
        });
      }
      yield rows.map((row) => ({
        id: row.id,
        groupKey: row.group_key,
        channel: row.channel,
        submittedAt: row.submitted_at,
        respondentName: row.respondent_name,
        excludedAt: row.excluded_at,
        exclusionReason: row.exclusion_reason,
        answers: bySubmission.get(row.id)!,
      }));
      if (rows.length < EXPORT_BATCH_SIZE) return;
      const last = rows[rows.length - 1]!;
      after = { at: last.cursor_at, id: last.id };
    }
  }

  private async recordExport(plan: ExportPlan, rowCount: number, completed: boolean): Promise<void> {
    await this.audit.record({
      action: 'evaluation.exported',
      targetType: 'evaluation',
      targetId: plan.evaluationId,
      workspaceId: plan.workspaceId,
      actorUserId: plan.userId,
      data: {
        organizationId: plan.organizationId,
        format: plan.format,
        locale: plan.options.locale,
        codes: plan.options.codes,
        groupKey: plan.groupKey,
        includeExcluded: plan.options.includeExcluded,
        rowCount,
        completed,
      },
    });
  }

  /** The pinned version's content, for the order of questions and the indicators' titles (read without the frameworks module's entities). */
  private async frameworkContent(versionId: string): Promise<FrameworkContent> {
    const rows = await this.dataSource.query<Array<{ content: FrameworkContent }>>(`SELECT content FROM framework_version WHERE id = $1 AND workspace_id = $2`, [
      versionId,
      this.tenant.workspaceId,
    ]);
    if (!rows[0]) throw AppException.notFound('framework version');
    return rows[0].content;
  }

  private async organizationName(organizationId: string): Promise<string> {
    const rows = await this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM organization WHERE id = $1 AND workspace_id = $2`, [
      organizationId,
      this.tenant.workspaceId,
    ]);
    if (!rows[0]) throw AppException.notFound('organization');
    return rows[0].name;
  }
}
