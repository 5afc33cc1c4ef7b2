import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson, dashboardCharts, workspaceRoleAtLeast, type CustomQuestion, type EvaluationStatus, type FrameworkContent, type Locale, type StakeholderGroupKey } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { slugify } from '../exports/export-filename.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type {
  CreateRenderDto,
  PutReportDto,
  RenderDto,
  ReportDto,
  SaveSectionDto,
  SectionDto,
  SectionHistoryDto,
  ValidateReportDto,
  ValidationDto,
  VersionDto,
} from './dto/report.dto.js';
import { ReportModelBuilder } from './report-model.builder.js';
import { RENDER_ERRORS, ReportRendersService, stillValidated } from './report-renders.service.js';
import {
  plannedSections,
  sectionContentErrors,
  sectionOrder,
  sectionTitle,
  type ReportDimension,
  type ReportSectionKind,
  type SectionAction,
  type SectionTestimony,
  structuralDimensions,
  type ValidationCapacity,
} from './report-sections.js';

/** Validating a report needs settled results: collection is over. */
const VALIDATION_STATUSES: readonly EvaluationStatus[] = ['analysing', 'reporting', 'closed'];

interface EvaluationRow {
  id: string;
  workspace_id: string;
  organization_id: string;
  title: string;
  status: EvaluationStatus;
  dimension_keys: string[];
  custom_questions: CustomQuestion[];
  content: FrameworkContent;
  organization_name: string;
  group_keys: StakeholderGroupKey[];
}

interface ReportRow {
  id: string;
  workspace_id: string;
  evaluation_id: string;
  locale: Locale;
  revision: number;
}

interface SectionRow {
  id: string;
  key: string;
  kind: ReportSectionKind;
  title: string | null;
  narrative: string;
  version: number;
  charts: string[];
  stories: string[];
  testimonies: SectionTestimony[];
  actions: SectionAction[];
  updated_at: Date | null;
  updated_by: string | null;
  updated_by_name: string | null;
}

interface RenderRow {
  id: string;
  kind: 'draft' | 'final';
  revision: number;
  locale: Locale;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error: string | null;
  pages: number | null;
  size_bytes: number | null;
  created_at: Date;
  finished_at: Date | null;
}

interface VersionRow {
  id: string;
  number: number;
  revision: number;
  locale: Locale;
  sha256: string;
  size_bytes: number;
  pages: number;
  validated_at: Date;
  validated_by: Array<{ name: string }>;
}

/** The fields of a section a save may change, in the order history lists them. */
const SECTION_FIELDS = ['title', 'narrative', 'charts', 'stories', 'testimonies', 'actions'] as const;

export interface PdfFile {
  bytes: Buffer;
  fileName: string;
  sha256?: string;
}

const SECTION_SELECT = `
  SELECT s.id, s.key, s.kind, s.title, s.narrative, s.version, s.charts, s.stories, s.testimonies, s.actions,
         s.updated_at, s.updated_by, u.display_name AS updated_by_name
    FROM report_section s LEFT JOIN user_account u ON u.id = s.updated_by`;

const RENDER_COLUMNS = `id, kind, revision, locale, status, progress, error, pages, size_bytes, created_at, finished_at`;

/**
 * The report of an evaluation, co-written by the network's facilitators and the organization's
 * contact: sections saved with optimistic concurrency (a save names the version it started from;
 * a stale one is refused with the section as it is now), their history, the report's language,
 * renders of drafts, validations in both capacities and the validated versions the board reads.
 * Every change is one transaction with its audit event, and clears the validations, which were
 * for the revision before.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly renders: ReportRendersService,
    private readonly builder: ReportModelBuilder,
  ) {}

  // ——— report and sections ———

  /** The report, made with its default sections on first read. */
  async get(organizationId: string, evaluationId: string): Promise<ReportDto> {
    const evaluation = await this.evaluation(this.dataSource.manager, organizationId, evaluationId);
    const report = await this.ensureReport(evaluation);
    return this.reportDto(this.dataSource.manager, evaluation, report);
  }

  async setLocale(organizationId: string, evaluationId: string, dto: PutReportDto): Promise<ReportDto> {
    const evaluation = await this.evaluation(this.dataSource.manager, organizationId, evaluationId);
    await this.ensureReport(evaluation);
    await this.dataSource.transaction(async (m) => {
      const report = await this.lockReport(m, evaluation);
      if (dto.baseRevision !== report.revision) {
        throw new AppException(
          'report-conflict',
          `Le rapport a changé depuis la révision ${dto.baseRevision} : il en est à la révision ${report.revision}. Rechargez-le, puis recommencez / The report changed since revision ${dto.baseRevision}: it is at revision ${report.revision} now. Reload it, then try again.`,
          undefined,
          { currentRevision: report.revision },
        );
      }
      if (dto.locale === report.locale) return;
      const revision = await this.bumpRevision(m, report, { locale: dto.locale });
      await this.audit.record(
        { action: 'report.locale-changed', targetType: 'report', targetId: report.id, data: { evaluationId: evaluation.id, from: report.locale, to: dto.locale, revision } },
        m,
      );
    });
    return this.get(organizationId, evaluationId);
  }

  async saveSection(organizationId: string, evaluationId: string, key: string, dto: SaveSectionDto): Promise<SectionDto> {
    const evaluation = await this.evaluation(this.dataSource.manager, organizationId, evaluationId);
    const report = await this.ensureReport(evaluation);
    const dimensions = structuralDimensions(evaluation.content, evaluation.dimension_keys, evaluation.custom_questions, evaluation.group_keys);
    const before = await this.section(this.dataSource.manager, report, key, dimensions);
    // The analysis is read before the transaction (it uses its own connections), and only when a chart is added.
    const chartIds = dto.charts?.some((id) => !before.charts.includes(id))
      ? new Set(dashboardCharts((await this.builder.evaluation(evaluation.workspace_id, organizationId, evaluationId)).payload, report.locale).map((c) => c.id))
      : new Set<string>();

    const saved = await this.dataSource.transaction(async (m) => {
      const locked = await this.lockReport(m, evaluation);
      const current = await this.section(m, locked, key, dimensions);
      if (dto.baseVersion !== current.version) throw this.sectionConflict(current, dto.baseVersion, locked, dimensions);

      const next = {
        title: dto.title === undefined ? current.title : dto.title === null || dto.title === '' ? null : dto.title,
        narrative: dto.narrative ?? current.narrative,
        charts: dto.charts ?? current.charts,
        stories: dto.stories ?? current.stories,
        testimonies: dto.testimonies?.map((t) => ({ text: t.text, name: t.name === undefined || t.name === '' ? null : t.name, groupKey: t.groupKey ?? null, consent: t.consent })) ?? current.testimonies,
        actions: dto.actions?.map((a) => ({ recommendation: a.recommendation, who: a.who, when: a.when })) ?? current.actions,
      };
      const storyIds = dto.stories?.length ? await this.selectedStoryIds(m, evaluation) : new Set<string>();
      const errors = sectionContentErrors(current.kind, current, { charts: dto.charts, stories: dto.stories, testimonies: next.testimonies, actions: dto.actions }, {
        chartIds,
        storyIds,
        groupKeys: evaluation.group_keys,
      });
      if (errors.length > 0) {
        throw new AppException('invalid-report-content', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
      }
      // Canonical JSON: jsonb gives objects back with their keys in its own order.
      const fields = SECTION_FIELDS.filter((field) => canonicalJson(next[field]) !== canonicalJson(current[field]));
      if (fields.length === 0) return current;

      const version = current.version + 1;
      await m.query(
        `UPDATE report_section SET title = $2, narrative = $3, charts = $4, stories = $5, testimonies = $6, actions = $7,
                version = $8, updated_by = $9, updated_at = now()
          WHERE id = $1`,
        [current.id, next.title, next.narrative, JSON.stringify(next.charts), JSON.stringify(next.stories), JSON.stringify(next.testimonies), JSON.stringify(next.actions), version, this.tenant.userId],
      );
      const narrativeChanged = fields.includes('narrative');
      await m.query(
        `INSERT INTO report_section_edit (workspace_id, report_id, section_id, version, fields, narrative_before, narrative_after, user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [locked.workspace_id, locked.id, current.id, version, JSON.stringify(fields), narrativeChanged ? current.narrative : null, narrativeChanged ? next.narrative : null, this.tenant.userId],
      );
      const revision = await this.bumpRevision(m, locked, {});
      await this.audit.record(
        { action: 'report.section-updated', targetType: 'report', targetId: locked.id, data: { evaluationId: evaluation.id, key, version, fields, revision } },
        m,
      );
      return this.section(m, locked, key, dimensions);
    });
    return this.sectionDto(saved, report.locale, dimensions);
  }

  async history(organizationId: string, evaluationId: string, key: string): Promise<SectionHistoryDto[]> {
    const m = this.dataSource.manager;
    const evaluation = await this.evaluation(m, organizationId, evaluationId);
    const report = await this.ensureReport(evaluation);
    const dimensions = structuralDimensions(evaluation.content, evaluation.dimension_keys, evaluation.custom_questions, evaluation.group_keys);
    const section = await this.section(m, report, key, dimensions);
    const rows = await m.query<Array<{ version: number; at: Date; user_id: string | null; name: string | null; fields: string[] }>>(
      `SELECT x.version, x.at, x.user_id, u.display_name AS name, x.fields
         FROM report_section_edit x LEFT JOIN user_account u ON u.id = x.user_id
        WHERE x.section_id = $1 AND x.workspace_id = $2
        ORDER BY x.version DESC`,
      [section.id, report.workspace_id],
    );
    return rows.map((r) => ({ version: r.version, at: r.at, user: r.user_id ? { id: r.user_id, name: r.name ?? '' } : null, fields: r.fields }));
  }

  // ——— renders ———

  /** Queues a draft render of the current revision (202); a worker lays it out. */
  async requestRender(organizationId: string, evaluationId: string, dto: CreateRenderDto): Promise<RenderDto> {
    const evaluation = await this.evaluation(this.dataSource.manager, organizationId, evaluationId);
    await this.ensureReport(evaluation);
    const render = await this.dataSource.transaction(async (m) => {
      const report = await this.lockReport(m, evaluation);
      await this.renders.assertCapacity(m);
      const locale = dto.locale ?? report.locale;
      const id = await this.renders.enqueue(m, { reportId: report.id, workspaceId: report.workspace_id, kind: 'draft', revision: report.revision, locale, createdBy: this.tenant.userId });
      await this.audit.record(
        { action: 'report.render-requested', targetType: 'report', targetId: report.id, data: { evaluationId: evaluation.id, renderId: id, kind: 'draft', revision: report.revision, locale } },
        m,
      );
      return this.renderRow(m, report, id);
    });
    this.renders.kick();
    return toRenderDto(render);
  }

  async render(organizationId: string, evaluationId: string, renderId: string): Promise<RenderDto> {
    const m = this.dataSource.manager;
    const report = await this.existingReport(m, await this.evaluation(m, organizationId, evaluationId));
    return toRenderDto(await this.renderRow(m, report, renderId));
  }

  async renderPdf(organizationId: string, evaluationId: string, renderId: string): Promise<PdfFile> {
    const m = this.dataSource.manager;
    const evaluation = await this.evaluation(m, organizationId, evaluationId);
    const report = await this.existingReport(m, evaluation);
    const render = await this.renderRow(m, report, renderId);
    if (render.kind !== 'draft') {
      throw new AppException('not-found', `Render ${renderId} is a final render: its PDF is the report version it made (GET …/report/versions/:versionId/pdf).`);
    }
    if (render.status !== 'done') {
      throw new AppException('conflict', `La mise en page n’est pas terminée (${render.status}) / The render is not done (${render.status}): wait until its status is done.`);
    }
    const [row] = await m.query<Array<{ pdf: Buffer }>>(`SELECT pdf FROM report_render WHERE id = $1 AND report_id = $2`, [renderId, report.id]);
    return { bytes: row!.pdf, fileName: `${fileStem(evaluation)}-projet-r${render.revision}.pdf` };
  }

  // ——— validations and versions ———

  async validate(organizationId: string, evaluationId: string, dto: ValidateReportDto): Promise<ReportDto> {
    const capacity = this.capacity(organizationId, dto.capacity);
    const evaluation = await this.evaluation(this.dataSource.manager, organizationId, evaluationId);
    await this.ensureReport(evaluation);
    let queued = false;
    await this.dataSource.transaction(async (m) => {
      const report = await this.lockReport(m, evaluation);
      const [{ status }] = await m.query<[{ status: EvaluationStatus }]>(`SELECT status FROM evaluation WHERE id = $1`, [evaluation.id]);
      if (!VALIDATION_STATUSES.includes(status)) {
        throw new AppException(
          'evaluation-status',
          `Le rapport se valide une fois la collecte terminée (évaluation en analyse, en rédaction ou close) ; elle est « ${status} » / The report is validated once collection is over (evaluation analysing, reporting or closed); it is ${status}.`,
        );
      }
      if (dto.revision !== report.revision) {
        throw new AppException(
          'report-conflict',
          `Vous validez la révision ${dto.revision}, mais le rapport en est à la révision ${report.revision} : relisez-la, puis validez-la / You are validating revision ${dto.revision}, but the report is at revision ${report.revision}: read it, then validate it.`,
          undefined,
          { currentRevision: report.revision },
        );
      }
      await m.query(
        `INSERT INTO report_validation (workspace_id, report_id, capacity, user_id, revision) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (report_id, capacity) DO UPDATE SET user_id = EXCLUDED.user_id, revision = EXCLUDED.revision, at = now()`,
        [report.workspace_id, report.id, capacity, this.tenant.userId, report.revision],
      );
      const validations = await m.query<Array<{ capacity: string; revision: number }>>(`SELECT capacity, revision FROM report_validation WHERE report_id = $1`, [report.id]);
      let renderId: string | null = null;
      if (stillValidated(report, validations, report.revision)) {
        const [pending] = await m.query<unknown[]>(
          `SELECT 1 FROM report_render WHERE report_id = $1 AND kind = 'final' AND revision = $2 AND status IN ('queued', 'running', 'done')
           UNION ALL SELECT 1 FROM report_version WHERE report_id = $1 AND revision = $2`,
          [report.id, report.revision],
        );
        if (!pending) {
          renderId = await this.renders.enqueue(m, { reportId: report.id, workspaceId: report.workspace_id, kind: 'final', revision: report.revision, locale: report.locale, createdBy: this.tenant.userId });
          queued = true;
        }
      }
      await this.audit.record(
        { action: 'report.validated', targetType: 'report', targetId: report.id, data: { evaluationId: evaluation.id, capacity, revision: report.revision, finalRenderId: renderId } },
        m,
      );
    });
    if (queued) this.renders.kick();
    return this.get(organizationId, evaluationId);
  }

  /** Withdraws the caller's validation(s) of the current revision, while no version was made of it. */
  async withdraw(organizationId: string, evaluationId: string): Promise<ReportDto> {
    const evaluation = await this.evaluation(this.dataSource.manager, organizationId, evaluationId);
    await this.ensureReport(evaluation);
    await this.dataSource.transaction(async (m) => {
      const report = await this.lockReport(m, evaluation);
      const [made] = await m.query<Array<{ number: number }>>(`SELECT number FROM report_version WHERE report_id = $1 AND revision = $2`, [report.id, report.revision]);
      if (made) {
        throw new AppException(
          'conflict',
          `La version ${made.number} de cette révision est déjà faite : une version validée ne se retire pas / Version ${made.number} of this revision is made already: a validated version is not withdrawn.`,
        );
      }
      const removed = await m.query<Array<{ capacity: string }>>(
        `WITH removed AS (DELETE FROM report_validation WHERE report_id = $1 AND user_id = $2 RETURNING capacity) SELECT capacity FROM removed`,
        [report.id, this.tenant.userId],
      );
      if (removed.length === 0) throw new AppException('not-found', 'Vous n’avez pas validé ce rapport / You have not validated this report.');
      // A final render still waiting has nothing to make any more; one running will end without a version.
      await m.query(`UPDATE report_render SET status = 'failed', error = $2, finished_at = now() WHERE report_id = $1 AND kind = 'final' AND status = 'queued'`, [
        report.id,
        RENDER_ERRORS.superseded,
      ]);
      await this.audit.record(
        { action: 'report.validation-withdrawn', targetType: 'report', targetId: report.id, data: { evaluationId: evaluation.id, capacities: removed.map((r) => r.capacity), revision: report.revision } },
        m,
      );
    });
    return this.get(organizationId, evaluationId);
  }

  /** Validated versions, newest first: what every reader of the organization may see. */
  async versions(organizationId: string, evaluationId: string): Promise<VersionDto[]> {
    const m = this.dataSource.manager;
    await this.evaluation(m, organizationId, evaluationId);
    const report = await this.findReport(m, evaluationId);
    return report ? (await this.versionRows(m, report)).map(toVersionDto) : [];
  }

  async versionPdf(organizationId: string, evaluationId: string, versionId: string): Promise<PdfFile> {
    const m = this.dataSource.manager;
    const evaluation = await this.evaluation(m, organizationId, evaluationId);
    const report = await this.findReport(m, evaluationId);
    const [row] = report
      ? await m.query<Array<{ number: number; pdf: Buffer; sha256: string }>>(`SELECT number, pdf, sha256 FROM report_version WHERE id = $1 AND report_id = $2 AND workspace_id = $3`, [
          versionId,
          report.id,
          report.workspace_id,
        ])
      : [];
    if (!row) throw AppException.notFound('report version');
    await this.audit.record({
      action: 'report.version.downloaded',
      targetType: 'report',
      targetId: report!.id,
      data: { evaluationId: evaluation.id, versionId, number: row.number },
    });
    return { bytes: row.pdf, sha256: row.sha256, fileName: `${fileStem(evaluation)}-v${row.number}.pdf` };
  }

  // ——— loading ———

  private async evaluation(m: EntityManager, organizationId: string, evaluationId: string): Promise<EvaluationRow> {
    const visible = this.tenant.organizationIds;
    if (visible && !visible.includes(organizationId)) throw AppException.notFound('evaluation');
    const [row] = await m.query<EvaluationRow[]>(
      `SELECT e.id, e.workspace_id, e.organization_id, e.title, e.status, e.dimension_keys, e.custom_questions, v.content, o.name AS organization_name,
              ARRAY(SELECT g.group_key FROM evaluation_group g WHERE g.evaluation_id = e.id ORDER BY g.group_key) AS group_keys
         FROM evaluation e
         JOIN framework_version v ON v.id = e.framework_version_id
         JOIN organization o ON o.id = e.organization_id
        WHERE e.id = $1 AND e.organization_id = $2 AND e.workspace_id = $3`,
      [evaluationId, organizationId, this.tenant.workspaceId],
    );
    if (!row) throw AppException.notFound('evaluation');
    return row;
  }

  private async findReport(m: EntityManager, evaluationId: string): Promise<ReportRow | null> {
    const [row] = await m.query<ReportRow[]>(`SELECT id, workspace_id, evaluation_id, locale, revision FROM report WHERE evaluation_id = $1 AND workspace_id = $2`, [
      evaluationId,
      this.tenant.workspaceId,
    ]);
    return row ?? null;
  }

  private async existingReport(m: EntityManager, evaluation: EvaluationRow): Promise<ReportRow> {
    const report = await this.findReport(m, evaluation.id);
    if (!report) throw AppException.notFound('report');
    return report;
  }

  private async lockReport(m: EntityManager, evaluation: EvaluationRow): Promise<ReportRow> {
    const [row] = await m.query<ReportRow[]>(`SELECT id, workspace_id, evaluation_id, locale, revision FROM report WHERE evaluation_id = $1 AND workspace_id = $2 FOR UPDATE`, [
      evaluation.id,
      evaluation.workspace_id,
    ]);
    if (!row) throw AppException.notFound('report');
    return row;
  }

  /**
   * The report of the evaluation, made on first read, and a section for every part the
   * evaluation has now (a dimension chosen after the report was made gets its own).
   */
  private async ensureReport(evaluation: EvaluationRow): Promise<ReportRow> {
    const m = this.dataSource.manager;
    const dimensions = structuralDimensions(evaluation.content, evaluation.dimension_keys, evaluation.custom_questions, evaluation.group_keys);
    const planned = plannedSections(dimensions);
    const existing = await this.findReport(m, evaluation.id);
    if (existing) {
      const keys = new Set(
        (await m.query<Array<{ key: string }>>(`SELECT key FROM report_section WHERE report_id = $1`, [existing.id])).map((r) => r.key),
      );
      if (planned.every((s) => keys.has(s.key))) return existing;
    }
    return this.dataSource.transaction(async (m) => {
      const userId = this.tenant.userIdOrNull;
      const [created] = await m.query<Array<{ id: string }>>(
        `INSERT INTO report (workspace_id, evaluation_id, created_by) VALUES ($1, $2, $3) ON CONFLICT (evaluation_id) DO NOTHING RETURNING id`,
        [evaluation.workspace_id, evaluation.id, userId],
      );
      const report = await this.lockReport(m, evaluation);
      const added = await m.query<Array<{ key: string }>>(
        `INSERT INTO report_section (workspace_id, report_id, key, kind, charts)
         SELECT $1, $2, t.key, t.kind, t.charts FROM unnest($3::varchar[], $4::varchar[], $5::jsonb[]) AS t(key, kind, charts)
         ON CONFLICT (report_id, key) DO NOTHING RETURNING key`,
        [report.workspace_id, report.id, planned.map((s) => s.key), planned.map((s) => s.kind), planned.map((s) => JSON.stringify(s.charts))],
      );
      if (created) {
        await this.audit.record({ action: 'report.created', targetType: 'report', targetId: report.id, data: { evaluationId: evaluation.id, sections: added.map((a) => a.key) } }, m);
      } else if (added.length > 0) {
        await this.audit.record({ action: 'report.sections-added', targetType: 'report', targetId: report.id, data: { evaluationId: evaluation.id, sections: added.map((a) => a.key) } }, m);
      }
      return report;
    });
  }

  /** A section of the report's current plan, or 404. */
  private async section(m: EntityManager, report: ReportRow, key: string, dimensions: readonly ReportDimension[]): Promise<SectionRow> {
    const planned = plannedSections(dimensions).map((s) => s.key);
    const [row] = planned.includes(key) ? await m.query<SectionRow[]>(`${SECTION_SELECT} WHERE s.report_id = $1 AND s.key = $2`, [report.id, key]) : [];
    if (!row) {
      throw new AppException('not-found', `The report has no section ${JSON.stringify(key.slice(0, 100))}; its sections are ${planned.join(', ')}.`);
    }
    return row;
  }

  private async selectedStoryIds(m: EntityManager, evaluation: EvaluationRow): Promise<Set<string>> {
    const rows = await m.query<Array<{ id: string }>>(`SELECT answer_id::text AS id FROM story_selection WHERE evaluation_id = $1 AND workspace_id = $2`, [
      evaluation.id,
      evaluation.workspace_id,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /** +1 on the report's revision (with other changes of the report row); its validations were for the one before. */
  private async bumpRevision(m: EntityManager, report: ReportRow, change: { locale?: Locale }): Promise<number> {
    const [row] = await m.query<Array<{ revision: number }>>(
      `WITH bumped AS (UPDATE report SET revision = revision + 1, locale = coalesce($2, locale), updated_at = now() WHERE id = $1 RETURNING revision)
       SELECT revision FROM bumped`,
      [report.id, change.locale ?? null],
    );
    await m.query(`DELETE FROM report_validation WHERE report_id = $1`, [report.id]);
    return row!.revision;
  }

  private renderRow = async (m: EntityManager, report: ReportRow, renderId: string): Promise<RenderRow> => {
    const [row] = await m.query<RenderRow[]>(`SELECT ${RENDER_COLUMNS} FROM report_render WHERE id = $1 AND report_id = $2 AND workspace_id = $3`, [
      renderId,
      report.id,
      report.workspace_id,
    ]);
    if (!row) throw AppException.notFound('render');
    return row;
  };

  private versionRows(m: EntityManager, report: ReportRow): Promise<VersionRow[]> {
    return m.query<VersionRow[]>(
      `SELECT id, number, revision, locale, sha256, size_bytes, pages, validated_at, validated_by
         FROM report_version WHERE report_id = $1 AND workspace_id = $2 ORDER BY number DESC`,
      [report.id, report.workspace_id],
    );
  }

  /** The capacity the caller validates in: facilitator (network facilitator or admin) or contact; both must say which. */
  private capacity(organizationId: string, asked: ValidationCapacity | undefined): ValidationCapacity {
    const role = this.tenant.workspaceRole;
    const capacities: ValidationCapacity[] = [];
    if (role && workspaceRoleAtLeast(role, 'facilitator')) capacities.push('facilitator');
    if (this.tenant.organizationRole(organizationId) === 'contact') capacities.push('contact');
    if (asked !== undefined) {
      if (!capacities.includes(asked)) {
        throw new AppException('forbidden', `You cannot validate as ${asked}: you validate as ${capacities.join(' or ')}.`);
      }
      return asked;
    }
    if (capacities.length > 1) {
      throw AppException.validation([
        { path: 'capacity', code: 'capacity-required', message: 'you are both a facilitator of the network and the organization’s contact: say in which capacity you validate (facilitator or contact)' },
      ]);
    }
    return capacities[0]!;
  }

  // ——— answers ———

  private async reportDto(m: EntityManager, evaluation: EvaluationRow, report: ReportRow): Promise<ReportDto> {
    const dimensions = structuralDimensions(evaluation.content, evaluation.dimension_keys, evaluation.custom_questions, evaluation.group_keys);
    const planned = plannedSections(dimensions).map((s) => s.key);
    const rows = await m.query<SectionRow[]>(`${SECTION_SELECT} WHERE s.report_id = $1 AND s.key = ANY($2::varchar[])`, [report.id, planned]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const validations = await m.query<Array<{ capacity: ValidationCapacity; user_id: string; name: string; revision: number; at: Date }>>(
      `SELECT v.capacity, v.user_id, u.display_name AS name, v.revision, v.at
         FROM report_validation v JOIN user_account u ON u.id = v.user_id
        WHERE v.report_id = $1 AND v.revision = $2`,
      [report.id, report.revision],
    );
    const validation = (capacity: ValidationCapacity): ValidationDto | null => {
      const v = validations.find((x) => x.capacity === capacity);
      return v ? { capacity, userId: v.user_id, userName: v.name, revision: v.revision, at: v.at } : null;
    };
    const [latest] = await m.query<RenderRow[]>(`SELECT ${RENDER_COLUMNS} FROM report_render WHERE report_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [report.id]);
    return {
      id: report.id,
      evaluationId: report.evaluation_id,
      locale: report.locale,
      revision: report.revision,
      sections: sectionOrder(planned, dimensions)
        .map((key) => byKey.get(key))
        .filter((row): row is SectionRow => row !== undefined)
        .map((row) => this.sectionDto(row, report.locale, dimensions)),
      validations: { facilitator: validation('facilitator'), contact: validation('contact') },
      latestRender: latest ? toRenderDto(latest) : null,
      versions: (await this.versionRows(m, report)).map(toVersionDto),
    };
  }

  private sectionDto(row: SectionRow, locale: Locale, dimensions: readonly ReportDimension[]): SectionDto {
    return {
      key: row.key,
      kind: row.kind,
      title: sectionTitle(row, dimensions, locale),
      narrative: row.narrative,
      version: row.version,
      charts: row.charts,
      stories: row.stories,
      testimonies: row.testimonies,
      actions: row.kind === 'action-plan' ? row.actions : [],
      updatedAt: row.updated_at,
      updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
    };
  }

  /** 409 with the section as it is now, and who saved it since the version the client started from. */
  private sectionConflict(current: SectionRow, baseVersion: number, report: ReportRow, dimensions: readonly ReportDimension[]): AppException {
    const who = current.updated_by_name ?? 'quelqu’un / someone';
    const when = current.updated_at ? new Date(current.updated_at).toISOString() : '';
    const detail =
      `${who} a enregistré cette partie (version ${current.version}${when ? `, ${when}` : ''}) depuis la version ${baseVersion} sur laquelle vous travailliez : ` +
      `comparez les deux textes, puis enregistrez avec baseVersion ${current.version} / ` +
      `${who} saved this section (version ${current.version}${when ? `, ${when}` : ''}) after version ${baseVersion} you started from: ` +
      `compare both texts, then save with baseVersion ${current.version}.`;
    return new AppException('report-section-conflict', detail, undefined, { current: this.sectionDto(current, report.locale, dimensions) });
  }
}

function toRenderDto(row: RenderRow): RenderDto {
  return {
    id: row.id,
    kind: row.kind,
    revision: row.revision,
    locale: row.locale,
    status: row.status,
    progress: row.progress,
    error: row.error,
    pages: row.pages,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

function toVersionDto(row: VersionRow): VersionDto {
  return {
    id: row.id,
    number: row.number,
    revision: row.revision,
    locale: row.locale,
    sha256: row.sha256.trim(),
    sizeBytes: row.size_bytes,
    pages: row.pages,
    validatedAt: row.validated_at,
    validatedBy: row.validated_by.map((v) => v.name),
  };
}

function fileStem(evaluation: Pick<EvaluationRow, 'organization_name' | 'title'>): string {
  const parts = ['rapport', slugify(evaluation.organization_name, 40), slugify(evaluation.title, 40)].filter((p) => p !== '');
  return parts.join('-');
}
