import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import {
  foldText,
  maskVerbatim,
  prepareKnownNames,
  type CustomQuestion,
  type EvaluationStatus,
  type FieldError,
  type FrameworkContent,
  type KnownNames,
  type StakeholderGroupKey,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import { evaluationKnownNames } from './known-names.js';
import type { CreateThemeDto, ThemeDto, UpdateThemeDto, VerbatimDto, VerbatimListDto, VerbatimsQueryDto } from './dto/verbatims.dto.js';
import {
  MAX_THEMES_PER_EVALUATION,
  VERBATIMS_PAGE,
  maskingKey,
  themeLabelKey,
  verbatimStructure,
  type ThemeColor,
  type VerbatimStructure,
} from './verbatim-rules.js';
import { verbatimGroups } from './verbatim-groups.js';

interface EvaluationRow {
  id: string;
  workspace_id: string;
  organization_id: string;
  status: EvaluationStatus;
  k_threshold: number;
  dimension_keys: string[];
  custom_questions: CustomQuestion[];
  content: FrameworkContent;
}

/** What one request knows of the evaluation: its structure, who may be seen, and the names to mask. */
interface Context {
  evaluation: EvaluationRow;
  structure: VerbatimStructure;
  visibleGroups: StakeholderGroupKey[];
  hiddenGroups: StakeholderGroupKey[];
  names: KnownNames;
  maskingKey: string;
}

interface VerbatimRow {
  id: string;
  question_key: string;
  indicator_key: string;
  group_key: StakeholderGroupKey;
  part: 'answer' | 'why';
  masked_text: string;
  masked: boolean;
  theme_ids: string[];
  reason: string | null;
  selected_text: string | null;
  selected_at: Date | null;
  selected_by: string | null;
  selected_by_name: string | null;
}

interface ThemeRow {
  id: string;
  label: string;
  description: string | null;
  color: ThemeColor | null;
  created_at: Date;
  verbatim_count: number;
}

interface Filters {
  groupKey: StakeholderGroupKey | null;
  questionKeys: string[];
  themeId: string | null;
  pattern: string | null;
  selected: boolean;
  answerId: string | null;
}

const MASK_BATCH = 500;

/**
 * The listed verbatims: masked texts of counted submissions ($1 evaluation, $2 workspace) in the
 * groups that are not under k ($3) and the questions in scope ($4), then the filters: group ($5),
 * theme ($6), words in the folded masked text ($7), chosen stories only ($8), one verbatim ($9).
 */
const FROM_VERBATIMS = `
    FROM verbatim v
    JOIN answer a ON a.id = v.answer_id
    JOIN submission s ON s.id = a.submission_id
    LEFT JOIN story_selection ss ON ss.answer_id = v.answer_id
    LEFT JOIN user_account u ON u.id = ss.selected_by
   WHERE v.evaluation_id = $1 AND v.workspace_id = $2
     AND s.status = 'submitted' AND s.excluded_at IS NULL
     AND a.group_key = ANY($3::varchar[])
     AND a.question_key = ANY($4::varchar[])
     AND ($5::varchar IS NULL OR a.group_key = $5)
     AND ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM verbatim_coding c WHERE c.answer_id = v.answer_id AND c.theme_id = $6))
     AND ($7::text IS NULL OR v.search_text LIKE $7 ESCAPE '\\')
     AND (NOT $8::boolean OR ss.answer_id IS NOT NULL)
     AND ($9::bigint IS NULL OR v.answer_id = $9)`;

const SELECT_VERBATIMS = `
  SELECT v.answer_id::text AS id, a.question_key, a.indicator_key, a.group_key, a.part, v.masked_text, v.masked,
         ARRAY(SELECT c.theme_id::text FROM verbatim_coding c WHERE c.answer_id = v.answer_id ORDER BY c.coded_at, c.theme_id) AS theme_ids,
         ss.reason, ss.masked_text AS selected_text, ss.selected_at, ss.selected_by, u.display_name AS selected_by_name
  ${FROM_VERBATIMS}
     AND ($10::bigint IS NULL OR v.answer_id > $10)
   ORDER BY v.answer_id
   LIMIT $11`;

/**
 * The verbatims of an evaluation. Reading them masks the open answers first (`ensureMasked`),
 * so that every text the API answers, lists or searches is a masked one. Every read and write
 * leaves out what is not counted (partial or excluded submissions) and the groups under k.
 */
@Injectable()
export class VerbatimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string, evaluationId: string, query: VerbatimsQueryDto): Promise<VerbatimListDto> {
    const m = this.dataSource.manager;
    const context = await this.context(m, organizationId, evaluationId);
    if (this.readsStoriesOnly(organizationId) && query.selected !== true) {
      throw new AppException('forbidden', 'Board members read the stories chosen for the report only: ask with selected=true.');
    }
    const questionKeys = this.questionKeys(context, query.dimensionKey);
    if (query.themeId) await this.themesOf(m, context.evaluation, [query.themeId], 'themeId');
    await this.ensureMasked(m, context);

    const filters: Filters = {
      groupKey: query.groupKey ?? null,
      questionKeys,
      themeId: query.themeId ?? null,
      pattern: query.q ? `%${likeEscape(foldText(query.q).trim())}%` : null,
      selected: query.selected === true,
      answerId: null,
    };
    const limit = query.limit ?? VERBATIMS_PAGE.default;
    const rows = await this.rows(m, context, filters, query.cursor ?? null, limit + 1);
    const [{ total }] = await m.query<[{ total: number }]>(`SELECT count(*)::int AS total ${FROM_VERBATIMS}`, this.params(context, filters));
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => this.toDto(row, context)),
      total,
      nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
      hiddenGroups: context.hiddenGroups,
      k: context.evaluation.k_threshold,
    };
  }

  async themes(organizationId: string, evaluationId: string): Promise<ThemeDto[]> {
    const m = this.dataSource.manager;
    const evaluation = await this.evaluation(m, organizationId, evaluationId);
    return (await this.themeRows(m, evaluation, null)).map(toThemeDto);
  }

  async createTheme(organizationId: string, evaluationId: string, dto: CreateThemeDto): Promise<ThemeDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.evaluationForWrite(m, organizationId, evaluationId);
      const [{ n }] = await m.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM verbatim_theme WHERE evaluation_id = $1`, [evaluation.id]);
      if (n >= MAX_THEMES_PER_EVALUATION) {
        throw new AppException('conflict', `The code book already has ${MAX_THEMES_PER_EVALUATION} themes, the most it may have: merge or delete some first.`);
      }
      await this.assertLabelFree(m, evaluation, dto.label, null);
      const [row] = await insertOrConflict(
        () =>
          m.query<Array<{ id: string }>>(
            `INSERT INTO verbatim_theme (workspace_id, evaluation_id, label, label_key, description, color, created_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
            [evaluation.workspace_id, evaluation.id, dto.label, themeLabelKey(dto.label), dto.description ?? null, dto.color ?? null, this.tenant.userId],
          ),
        dto.label,
      );
      await this.audit.record(
        { action: 'verbatim.theme-created', targetType: 'verbatim_theme', targetId: row!.id, data: { evaluationId: evaluation.id, label: dto.label } },
        m,
      );
      return this.theme(m, evaluation, row!.id);
    });
  }

  async updateTheme(organizationId: string, evaluationId: string, themeId: string, dto: UpdateThemeDto): Promise<ThemeDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.evaluationForWrite(m, organizationId, evaluationId);
      const before = await this.theme(m, evaluation, themeId);
      if (dto.label !== undefined) await this.assertLabelFree(m, evaluation, dto.label, themeId);
      const label = dto.label ?? before.label;
      const description = dto.description !== undefined ? dto.description : before.description;
      const color = dto.color !== undefined ? dto.color : before.color;
      await insertOrConflict(
        () =>
          m.query(`UPDATE verbatim_theme SET label = $2, label_key = $3, description = $4, color = $5, updated_at = now() WHERE id = $1`, [
            themeId,
            label,
            themeLabelKey(label),
            description,
            color,
          ]),
        label,
      );
      const changes = Object.fromEntries(
        (['label', 'description', 'color'] as const)
          .filter((field) => dto[field] !== undefined && dto[field] !== before[field])
          .map((field) => [field, { from: before[field], to: dto[field] }]),
      );
      if (Object.keys(changes).length > 0) {
        await this.audit.record({ action: 'verbatim.theme-updated', targetType: 'verbatim_theme', targetId: themeId, data: { evaluationId: evaluation.id, changes } }, m);
      }
      return this.theme(m, evaluation, themeId);
    });
  }

  async deleteTheme(organizationId: string, evaluationId: string, themeId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const evaluation = await this.evaluationForWrite(m, organizationId, evaluationId);
      const theme = await this.theme(m, evaluation, themeId);
      const [{ n }] = await m.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM verbatim_coding WHERE theme_id = $1`, [themeId]);
      await m.query(`DELETE FROM verbatim_theme WHERE id = $1`, [themeId]);
      await this.audit.record(
        { action: 'verbatim.theme-deleted', targetType: 'verbatim_theme', targetId: themeId, data: { evaluationId: evaluation.id, label: theme.label, codingsRemoved: n } },
        m,
      );
    });
  }

  /** Codes a verbatim with exactly these themes of the code book. */
  async setThemes(organizationId: string, evaluationId: string, answerId: string, themeIds: string[]): Promise<VerbatimDto> {
    return this.dataSource.transaction(async (m) => {
      const context = await this.context(m, organizationId, evaluationId, true);
      await this.target(m, context, answerId);
      await this.themesOf(m, context.evaluation, themeIds, 'themeIds');
      const current = (await m.query<Array<{ theme_id: string }>>(`SELECT theme_id FROM verbatim_coding WHERE answer_id = $1`, [answerId])).map((r) => r.theme_id);
      const added = themeIds.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !themeIds.includes(id));
      if (removed.length > 0) await m.query(`DELETE FROM verbatim_coding WHERE answer_id = $1 AND theme_id = ANY($2::uuid[])`, [answerId, removed]);
      if (added.length > 0) {
        await m.query(
          `INSERT INTO verbatim_coding (answer_id, theme_id, workspace_id, evaluation_id, coded_by)
           SELECT $1, t.id, $2, $3, $4 FROM unnest($5::uuid[]) AS t(id)
           ON CONFLICT DO NOTHING`,
          [answerId, context.evaluation.workspace_id, context.evaluation.id, this.tenant.userId, added],
        );
      }
      if (added.length + removed.length > 0) {
        await this.audit.record(
          { action: 'verbatim.themes-set', targetType: 'evaluation', targetId: context.evaluation.id, data: { answerId, added, removed } },
          m,
        );
      }
      return this.one(m, context, answerId);
    });
  }

  /** Chooses a verbatim as a story, through its masked text, with why; a second call changes the reason. */
  async select(organizationId: string, evaluationId: string, answerId: string, reason: string): Promise<VerbatimDto> {
    return this.dataSource.transaction(async (m) => {
      const context = await this.context(m, organizationId, evaluationId, true);
      const target = await this.target(m, context, answerId);
      const masked = maskVerbatim(target.text_value, context.names);
      const [row] = await m.query<Array<{ inserted: boolean; previous: string | null }>>(
        `WITH previous AS (SELECT reason FROM story_selection WHERE answer_id = $1)
         INSERT INTO story_selection (answer_id, workspace_id, evaluation_id, reason, masked_text, selected_by)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (answer_id) DO UPDATE SET reason = EXCLUDED.reason
         RETURNING (xmax = 0) AS inserted, (SELECT reason FROM previous) AS previous`,
        [answerId, context.evaluation.workspace_id, context.evaluation.id, reason, masked.text, this.tenant.userId],
      );
      if (row!.inserted) {
        await this.audit.record(
          { action: 'verbatim.story-selected', targetType: 'evaluation', targetId: context.evaluation.id, data: { answerId, reason, masked: masked.masked } },
          m,
        );
      } else if (row!.previous !== reason) {
        await this.audit.record(
          { action: 'verbatim.story-reason-changed', targetType: 'evaluation', targetId: context.evaluation.id, data: { answerId, from: row!.previous, to: reason } },
          m,
        );
      }
      return this.one(m, context, answerId);
    });
  }

  async unselect(organizationId: string, evaluationId: string, answerId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const evaluation = await this.evaluationForWrite(m, organizationId, evaluationId);
      const removed = await m.query<Array<{ reason: string }>>(
        `WITH removed AS (DELETE FROM story_selection WHERE answer_id = $1 AND evaluation_id = $2 AND workspace_id = $3 RETURNING reason)
         SELECT reason FROM removed`,
        [answerId, evaluation.id, evaluation.workspace_id],
      );
      if (removed.length === 0) throw new AppException('not-found', `Verbatim ${answerId} is not a chosen story of this evaluation.`);
      await this.audit.record(
        { action: 'verbatim.story-unselected', targetType: 'evaluation', targetId: evaluation.id, data: { answerId, reason: removed[0]!.reason } },
        m,
      );
    });
  }

  // ——— reading ———

  /** Board members reach the verbatims only for the report's chosen stories. */
  private readsStoriesOnly(organizationId: string): boolean {
    return this.tenant.workspaceRole === null && this.tenant.organizationRole(organizationId) === 'board';
  }

  private async context(m: EntityManager, organizationId: string, evaluationId: string, forWrite = false): Promise<Context> {
    const evaluation = forWrite ? await this.evaluationForWrite(m, organizationId, evaluationId) : await this.evaluation(m, organizationId, evaluationId);
    const structure = verbatimStructure(evaluation.content, evaluation.dimension_keys, evaluation.custom_questions);
    const { visible, hidden } = await verbatimGroups(m, evaluation.id, evaluation.k_threshold);
    const names = await evaluationKnownNames(m, { id: evaluation.id, organizationId: evaluation.organization_id, workspaceId: evaluation.workspace_id });
    return { evaluation, structure, visibleGroups: visible, hiddenGroups: hidden, names: prepareKnownNames(names), maskingKey: maskingKey(names) };
  }

  /**
   * Masks the open answers of counted-or-excludable submissions that have no masked text yet, or
   * one made with other names or rules. Answer rows never change once written (a save replaces
   * them with new ids), so a masked text stays right until the names change.
   */
  private async ensureMasked(m: EntityManager, context: Context): Promise<void> {
    const { evaluation } = context;
    const pending = await m.query<Array<{ id: string; text_value: string }>>(
      `SELECT a.id::text AS id, a.text_value
         FROM answer a
         JOIN submission s ON s.id = a.submission_id
        WHERE a.evaluation_id = $1 AND a.workspace_id = $2 AND a.question_key = ANY($3::varchar[])
          AND a.text_value IS NOT NULL AND s.status = 'submitted'
          AND NOT EXISTS (SELECT 1 FROM verbatim v WHERE v.answer_id = a.id AND v.masking_key = $4)`,
      [evaluation.id, evaluation.workspace_id, [...context.structure.questions.keys()], context.maskingKey],
    );
    for (let from = 0; from < pending.length; from += MASK_BATCH) {
      const batch = pending.slice(from, from + MASK_BATCH).map((row) => ({ id: row.id, ...maskVerbatim(row.text_value, context.names) }));
      await m.query(
        `INSERT INTO verbatim (answer_id, workspace_id, evaluation_id, masked_text, masked, search_text, masking_key)
         SELECT t.answer_id, $1, $2, t.masked_text, t.masked, t.search_text, $3
           FROM unnest($4::bigint[], $5::text[], $6::boolean[], $7::text[]) AS t(answer_id, masked_text, masked, search_text)
         ON CONFLICT (answer_id) DO UPDATE
           SET masked_text = EXCLUDED.masked_text, masked = EXCLUDED.masked, search_text = EXCLUDED.search_text, masking_key = EXCLUDED.masking_key`,
        [
          evaluation.workspace_id,
          evaluation.id,
          context.maskingKey,
          batch.map((b) => b.id),
          batch.map((b) => b.text),
          batch.map((b) => b.masked),
          batch.map((b) => foldText(b.text)),
        ],
      );
    }
  }

  private params(context: Context, filters: Filters): unknown[] {
    return [
      context.evaluation.id,
      context.evaluation.workspace_id,
      context.visibleGroups,
      filters.questionKeys,
      filters.groupKey,
      filters.themeId,
      filters.pattern,
      filters.selected,
      filters.answerId,
    ];
  }

  private rows(m: EntityManager, context: Context, filters: Filters, cursor: string | null, limit: number): Promise<VerbatimRow[]> {
    return m.query<VerbatimRow[]>(SELECT_VERBATIMS, [...this.params(context, filters), cursor, limit]);
  }

  /** One listed verbatim, after a write. */
  private async one(m: EntityManager, context: Context, answerId: string): Promise<VerbatimDto> {
    await this.ensureMasked(m, context);
    const filters: Filters = { groupKey: null, questionKeys: [...context.structure.questions.keys()], themeId: null, pattern: null, selected: false, answerId };
    const [row] = await this.rows(m, context, filters, null, 1);
    if (!row) throw AppException.notFound('verbatim');
    return this.toDto(row, context);
  }

  private toDto(row: VerbatimRow, context: Context): VerbatimDto {
    const where = context.structure.questions.get(row.question_key);
    return {
      id: row.id,
      questionKey: row.question_key,
      indicatorKey: row.indicator_key,
      dimensionKey: where?.dimensionKey ?? '',
      groupKey: row.group_key,
      part: row.part,
      text: row.masked_text,
      masked: row.masked,
      themeIds: row.theme_ids,
      selection:
        row.reason === null
          ? null
          : {
              reason: row.reason,
              // Never less masked than the names known now.
              text: maskVerbatim(row.selected_text ?? '', context.names).text,
              selectedAt: row.selected_at!,
              selectedBy: row.selected_by ? { id: row.selected_by, name: row.selected_by_name ?? '' } : null,
            },
    };
  }

  /** The question keys a dimension filter keeps; 400 for a dimension the evaluation does not have. */
  private questionKeys(context: Context, dimensionKey: string | undefined): string[] {
    const all = [...context.structure.questions.entries()];
    if (dimensionKey === undefined) return all.map(([key]) => key);
    if (!context.structure.dimensionKeys.includes(dimensionKey)) {
      const list = context.structure.dimensionKeys.join(', ');
      throw AppException.validation([{ path: 'dimensionKey', code: 'unknown-dimension', message: `dimensionKey must be one of this evaluation's dimensions: ${list}` }]);
    }
    return all.filter(([, where]) => where.dimensionKey === dimensionKey).map(([key]) => key);
  }

  // ——— checks ———

  private async evaluation(m: EntityManager, organizationId: string, evaluationId: string, lock = false): Promise<EvaluationRow> {
    const rows = await m.query<EvaluationRow[]>(
      `SELECT e.id, e.workspace_id, e.organization_id, e.status, e.k_threshold, e.dimension_keys, e.custom_questions, v.content
         FROM evaluation e JOIN framework_version v ON v.id = e.framework_version_id
        WHERE e.id = $1 AND e.organization_id = $2 AND e.workspace_id = $3
        ${lock ? 'FOR SHARE OF e' : ''}`,
      [evaluationId, organizationId, this.tenant.workspaceId],
    );
    if (!rows[0]) throw AppException.notFound('evaluation');
    return rows[0];
  }

  /** Themes, coding and stories change until the evaluation is closed. */
  private async evaluationForWrite(m: EntityManager, organizationId: string, evaluationId: string): Promise<EvaluationRow> {
    const evaluation = await this.evaluation(m, organizationId, evaluationId, true);
    if (evaluation.status === 'closed') {
      throw new AppException('evaluation-locked', 'The evaluation is closed: its code book, coding and chosen stories no longer change.');
    }
    return evaluation;
  }

  /**
   * The open answer a write is about: an answer row of this evaluation with text, of a counted
   * submission, in a group that is not under k.
   */
  private async target(m: EntityManager, context: Context, answerId: string): Promise<{ text_value: string; group_key: StakeholderGroupKey }> {
    const rows = await m.query<Array<{ text_value: string | null; group_key: StakeholderGroupKey; question_key: string; counted: boolean }>>(
      `SELECT a.text_value, a.group_key, a.question_key, (s.status = 'submitted' AND s.excluded_at IS NULL) AS counted
         FROM answer a JOIN submission s ON s.id = a.submission_id
        WHERE a.id = $1 AND a.evaluation_id = $2 AND a.workspace_id = $3`,
      [answerId, context.evaluation.id, context.evaluation.workspace_id],
    );
    const row = rows[0];
    if (!row || row.text_value === null || !context.structure.questions.has(row.question_key)) {
      throw new AppException('not-found', `No open answer ${answerId} in this evaluation: verbatims are the texts of its open questions and "pourquoi ?" comments.`);
    }
    if (!row.counted) {
      throw new AppException('not-found', `Answer ${answerId} belongs to a submission that does not count (partial or excluded): it is not a verbatim.`);
    }
    if (!context.visibleGroups.includes(row.group_key)) {
      throw new AppException(
        'conflict',
        `The ${row.group_key} group has fewer than k = ${context.evaluation.k_threshold} counted answers: its verbatims are not shown, and cannot be coded or chosen.`,
      );
    }
    return { text_value: row.text_value, group_key: row.group_key };
  }

  /** Every id is a theme of this evaluation's code book, or 400 with the path of each that is not. */
  private async themesOf(m: EntityManager, evaluation: EvaluationRow, themeIds: readonly string[], path: string): Promise<void> {
    if (themeIds.length === 0) return;
    const found = new Set(
      (
        await m.query<Array<{ id: string }>>(`SELECT id FROM verbatim_theme WHERE id = ANY($1::uuid[]) AND evaluation_id = $2 AND workspace_id = $3`, [
          themeIds,
          evaluation.id,
          evaluation.workspace_id,
        ])
      ).map((r) => r.id),
    );
    const errors: FieldError[] = themeIds.flatMap((id, index) =>
      found.has(id)
        ? []
        : [{ path: path === 'themeIds' ? `themeIds[${index}]` : path, code: 'unknown-theme', message: `${id} is not a theme of this evaluation's code book` }],
    );
    if (errors.length > 0) throw AppException.validation(errors);
  }

  /**
   * Themes of the code book (or one), with how many listed verbatims are coded with each: counted
   * submissions of groups that are not under k.
   */
  private async themeRows(m: EntityManager, evaluation: EvaluationRow, themeId: string | null): Promise<ThemeRow[]> {
    const { visible } = await verbatimGroups(m, evaluation.id, evaluation.k_threshold);
    return m.query<ThemeRow[]>(
      `SELECT t.id, t.label, t.description, t.color, t.created_at,
              (SELECT count(*) FROM verbatim_coding c
                 JOIN answer a ON a.id = c.answer_id
                 JOIN submission s ON s.id = a.submission_id
                WHERE c.theme_id = t.id AND s.status = 'submitted' AND s.excluded_at IS NULL AND a.group_key = ANY($3::varchar[]))::int AS verbatim_count
         FROM verbatim_theme t
        WHERE t.evaluation_id = $1 AND t.workspace_id = $2 AND ($4::uuid IS NULL OR t.id = $4)
        ORDER BY t.label_key, t.id`,
      [evaluation.id, evaluation.workspace_id, visible, themeId],
    );
  }

  private async theme(m: EntityManager, evaluation: EvaluationRow, themeId: string): Promise<ThemeDto> {
    const [row] = await this.themeRows(m, evaluation, themeId);
    if (!row) throw AppException.notFound('theme');
    return toThemeDto(row);
  }

  private async assertLabelFree(m: EntityManager, evaluation: EvaluationRow, label: string, exceptId: string | null): Promise<void> {
    const rows = await m.query<Array<{ label: string }>>(
      `SELECT label FROM verbatim_theme WHERE evaluation_id = $1 AND label_key = $2 AND ($3::uuid IS NULL OR id <> $3)`,
      [evaluation.id, themeLabelKey(label), exceptId],
    );
    if (rows[0]) throw labelTaken(label, rows[0].label);
  }
}

function labelTaken(label: string, existing = label): AppException {
  return new AppException('conflict', `The code book already has the theme «${existing}»: choose another label than «${label}» (case and accents are ignored).`, [
    { path: 'label', code: 'duplicate', message: `a theme «${existing}» exists already` },
  ]);
}

/** A concurrent write of the same label loses to the unique constraint: 409 as if it had been seen first. */
async function insertOrConflict<T>(write: () => Promise<T>, label: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') throw labelTaken(label);
    throw error;
  }
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toThemeDto(row: ThemeRow): ThemeDto {
  return { id: row.id, label: row.label, description: row.description, color: row.color, verbatimCount: row.verbatim_count, createdAt: row.created_at };
}
