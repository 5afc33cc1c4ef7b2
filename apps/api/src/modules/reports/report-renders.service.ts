import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { RenderPool } from './render-pool.js';
import { ReportModelBuilder, buildReportModel } from './report-model.builder.js';
import type { RenderKind } from './report-sections.js';
import type { VersionValidator } from './report-version.entity.js';

/** Renders waiting for a thread, at most; beyond, a new one is refused (503) until some are done. */
export const RENDER_QUEUE_LIMIT = 8;
/** What a client refused for a full queue is asked to wait, in seconds. */
export const RENDER_RETRY_AFTER_SECONDS = 30;
/** Progress is written at most this often, in milliseconds. */
const PROGRESS_INTERVAL_MS = 200;
/** Renders queued by another process (or the demo) are looked for this often, in milliseconds. */
const POLL_INTERVAL_MS = 5_000;

export const RENDER_ERRORS = {
  interrupted: 'Mise en page interrompue (le serveur a redémarré) : relancez-la / Rendering interrupted (the server restarted): start it again.',
  superseded:
    'Le rapport a changé ou une validation a été retirée avant la fin de la mise en page : aucune version n’a été créée / The report changed or a validation was withdrawn before rendering ended: no version was made.',
  failed: (reason: string) => `La mise en page a échoué : ${reason} / Rendering failed: ${reason}`,
} as const;

interface Job {
  id: string;
  report_id: string;
  workspace_id: string;
  kind: RenderKind;
  revision: number;
  locale: Locale;
}

interface ReportRow {
  id: string;
  workspace_id: string;
  evaluation_id: string;
  organization_id: string;
  revision: number;
}

interface ValidationRow {
  capacity: 'facilitator' | 'contact';
  user_id: string;
  name: string;
  revision: number;
  at: Date;
}

/**
 * Report renders, off the request path. A request inserts a `queued` row (the queue is the
 * table, so any API process may take a job); this service claims queued rows, lays the report
 * out in a worker thread (RenderPool) while writing its progress, then ends the job in one
 * transaction: a draft keeps its PDF, a final render becomes a ReportVersion — or nothing, if
 * it fails or the report changed meanwhile. On start, jobs left behind by a stopped process are
 * marked failed, and the final renders of revisions still validated are queued again.
 */
@Injectable()
export class ReportRendersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportRenders');
  private readonly startedAt = new Date();
  private readonly pool: RenderPool;
  private readonly running = new Map<string, Promise<void>>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly builder: ReportModelBuilder,
    private readonly audit: AuditService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.pool = new RenderPool(config.reportRenderThreads);
  }

  async onApplicationBootstrap(): Promise<void> {
    // Only the API server renders: a command-line tool that boots the modules (admin:create) must not take jobs.
    if (!this.adapterHost.httpAdapter) {
      this.closing = true;
      return;
    }
    await this.recover();
    this.timer = setInterval(() => this.kick(), POLL_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.pumping;
    await this.pool.close();
    // Jobs cut short stay running; the next start marks them interrupted.
    await Promise.allSettled([...this.running.values()]);
  }

  /** Refuses a new render when too many are waiting already (503 with Retry-After). */
  async assertCapacity(m: EntityManager): Promise<void> {
    const [{ waiting }] = await m.query<[{ waiting: number }]>(`SELECT count(*)::int AS waiting FROM report_render WHERE status = 'queued'`);
    if (waiting >= RENDER_QUEUE_LIMIT) {
      throw new AppException(
        'render-queue-full',
        `${waiting} mises en page attendent déjà : réessayez dans une minute / ${waiting} renders are waiting already: try again in a minute.`,
        undefined,
        { retryAfterSeconds: RENDER_RETRY_AFTER_SECONDS },
      );
    }
  }

  /** Inserts a queued render; the caller's transaction commits it, then calls `kick`. */
  async enqueue(m: EntityManager, job: { reportId: string; workspaceId: string; kind: RenderKind; revision: number; locale: Locale; createdBy: string | null }): Promise<string> {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO report_render (workspace_id, report_id, kind, revision, locale, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [job.workspaceId, job.reportId, job.kind, job.revision, job.locale, job.createdBy],
    );
    return row!.id;
  }

  /** Looks for queued renders now (after a commit that queued one). */
  kick(): void {
    if (this.closing) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => this.logger.error(error))
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Claims queued renders while a thread is free. */
  private async pump(): Promise<void> {
    while (!this.closing && this.running.size < this.pool.size) {
      const [job] = await this.dataSource.query<Job[]>(
        `WITH claimed AS (
           UPDATE report_render r SET status = 'running', started_at = now(), progress = 0
            WHERE r.id = (SELECT id FROM report_render WHERE status = 'queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING r.id, r.report_id, r.workspace_id, r.kind, r.revision, r.locale
         ) SELECT * FROM claimed`,
      );
      if (!job) return;
      const run = this.execute(job).finally(() => {
        this.running.delete(job.id);
        this.kick();
      });
      this.running.set(job.id, run);
    }
  }

  private async execute(job: Job): Promise<void> {
    try {
      const report = await this.report(job);
      const validations = job.kind === 'final' ? await this.validations(this.dataSource.manager, job.report_id) : [];
      if (job.kind === 'final' && !stillValidated(report, validations, job.revision)) {
        await this.fail(job, RENDER_ERRORS.superseded);
        return;
      }
      // A draft lays out the report as it is now.
      const revision = job.kind === 'draft' ? report.revision : job.revision;
      const loaded = await this.builder.evaluation(report.workspace_id, report.organization_id, report.evaluation_id);
      const version =
        job.kind === 'final'
          ? { number: await this.nextVersionNumber(this.dataSource.manager, job.report_id), validatedAt: latest(validations) }
          : null;
      const sources = await this.builder.sources(loaded, job.report_id, { locale: job.locale, version });
      const model = buildReportModel(sources);
      if (job.kind === 'draft' && revision !== job.revision) {
        await this.dataSource.query(`UPDATE report_render SET revision = $2 WHERE id = $1`, [job.id, revision]);
      }

      const progress = new ProgressWriter((percent) => this.dataSource.query(`UPDATE report_render SET progress = $2 WHERE id = $1 AND status = 'running' AND progress < $2`, [job.id, percent]));
      let rendered: { pdf: Buffer; pages: number };
      try {
        rendered = await this.pool.render(model, (fraction) => progress.report(fraction));
      } finally {
        await progress.settle();
      }
      if (this.closing) return;
      if (job.kind === 'draft') await this.finishDraft(job, rendered);
      else await this.finishFinal(job, report, rendered);
    } catch (error) {
      if (this.closing) return;
      this.logger.error(error);
      const reason = error instanceof AppException && error.code === 'not-found' ? 'l’évaluation n’existe plus / the evaluation no longer exists' : errorMessage(error);
      await this.fail(job, RENDER_ERRORS.failed(reason)).catch((e: unknown) => this.logger.error(e));
    }
  }

  private async finishDraft(job: Job, rendered: { pdf: Buffer; pages: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE report_render SET status = 'done', progress = 100, pdf = $2, pages = $3, size_bytes = $4, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [job.id, rendered.pdf, rendered.pages, rendered.pdf.length],
    );
  }

  /** The version, the end of the job and its audit event, in one transaction: no half version. */
  private async finishFinal(job: Job, report: ReportRow, rendered: { pdf: Buffer; pages: number }): Promise<void> {
    const done = await this.dataSource.transaction(async (m) => {
      const [locked] = await m.query<Array<{ revision: number }>>(`SELECT revision FROM report WHERE id = $1 FOR UPDATE`, [job.report_id]);
      const validations = await this.validations(m, job.report_id);
      if (!locked || !stillValidated(locked, validations, job.revision)) return false;
      const number = await this.nextVersionNumber(m, job.report_id);
      const sha256 = createHash('sha256').update(rendered.pdf).digest('hex');
      const validatedBy: VersionValidator[] = validations.map((v) => ({ capacity: v.capacity, userId: v.user_id, name: v.name, at: new Date(v.at).toISOString() }));
      const [version] = await m.query<Array<{ id: string }>>(
        `INSERT INTO report_version (workspace_id, report_id, number, revision, locale, pdf, sha256, pages, size_bytes, validated_by, validated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [job.workspace_id, job.report_id, number, job.revision, job.locale, rendered.pdf, sha256, rendered.pages, rendered.pdf.length, JSON.stringify(validatedBy), latest(validations)],
      );
      await m.query(
        `UPDATE report_render SET status = 'done', progress = 100, pages = $2, size_bytes = $3, version_id = $4, finished_at = now() WHERE id = $1`,
        [job.id, rendered.pages, rendered.pdf.length, version!.id],
      );
      await this.audit.record(
        {
          action: 'report.version-created',
          targetType: 'report',
          targetId: job.report_id,
          workspaceId: job.workspace_id,
          actorUserId: null,
          data: { evaluationId: report.evaluation_id, versionId: version!.id, number, revision: job.revision, sha256, validatedBy: validatedBy.map((v) => v.name) },
        },
        m,
      );
      return true;
    });
    if (!done) await this.fail(job, RENDER_ERRORS.superseded);
  }

  private async fail(job: Pick<Job, 'id'>, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE report_render SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`, [
      job.id,
      message,
    ]);
  }

  private async report(job: Job): Promise<ReportRow> {
    const [row] = await this.dataSource.query<ReportRow[]>(
      `SELECT r.id, r.workspace_id, r.evaluation_id, e.organization_id, r.revision
         FROM report r JOIN evaluation e ON e.id = r.evaluation_id AND e.workspace_id = r.workspace_id
        WHERE r.id = $1 AND r.workspace_id = $2`,
      [job.report_id, job.workspace_id],
    );
    if (!row) throw AppException.notFound('report');
    return row;
  }

  private validations(m: EntityManager, reportId: string): Promise<ValidationRow[]> {
    return m.query<ValidationRow[]>(
      `SELECT v.capacity, v.user_id, u.display_name AS name, v.revision, v.at
         FROM report_validation v JOIN user_account u ON u.id = v.user_id
        WHERE v.report_id = $1 ORDER BY v.capacity`,
      [reportId],
    );
  }

  private async nextVersionNumber(m: EntityManager, reportId: string): Promise<number> {
    const [{ next }] = await m.query<[{ next: number }]>(`SELECT coalesce(max(number), 0)::int + 1 AS next FROM report_version WHERE report_id = $1`, [reportId]);
    return next;
  }

  /**
   * Jobs of a process that stopped (queued or running before this one started) are marked
   * interrupted; a final render whose revision both validations still name is queued again.
   */
  private async recover(): Promise<void> {
    const interrupted = await this.dataSource.query<Job[]>(
      `WITH cut AS (
         UPDATE report_render SET status = 'failed', error = $2, finished_at = now()
          WHERE status IN ('queued', 'running') AND created_at < $1
          RETURNING id, report_id, workspace_id, kind, revision, locale
       ) SELECT * FROM cut`,
      [this.startedAt, RENDER_ERRORS.interrupted],
    );
    for (const job of interrupted.filter((j) => j.kind === 'final')) {
      await this.dataSource.transaction(async (m) => {
        const [report] = await m.query<Array<{ revision: number }>>(`SELECT revision FROM report WHERE id = $1 FOR UPDATE`, [job.report_id]);
        const validations = await this.validations(m, job.report_id);
        if (!report || !stillValidated(report, validations, job.revision)) return;
        const [pending] = await m.query<unknown[]>(
          `SELECT 1 FROM report_render WHERE report_id = $1 AND kind = 'final' AND revision = $2 AND status IN ('queued', 'running', 'done')
           UNION ALL SELECT 1 FROM report_version WHERE report_id = $1 AND revision = $2`,
          [job.report_id, job.revision],
        );
        if (pending) return;
        await this.enqueue(m, { reportId: job.report_id, workspaceId: job.workspace_id, kind: 'final', revision: job.revision, locale: job.locale, createdBy: null });
      });
    }
    if (interrupted.length > 0) this.logger.warn(`${interrupted.length} report render(s) interrupted by a restart were marked failed`);
  }
}

/** Both capacities validated this revision, and it is still the report's. */
export function stillValidated(report: { revision: number }, validations: ReadonlyArray<{ capacity: string; revision: number }>, revision: number): boolean {
  return (
    report.revision === revision &&
    ['facilitator', 'contact'].every((capacity) => validations.some((v) => v.capacity === capacity && v.revision === revision))
  );
}

function latest(validations: ReadonlyArray<{ at: Date }>): Date {
  return new Date(Math.max(...validations.map((v) => new Date(v.at).getTime())));
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

/**
 * Writes progress as a whole percentage, at most every PROGRESS_INTERVAL_MS and one write at a
 * time, so that a chatty renderer costs the database a few small updates a second at most.
 */
class ProgressWriter {
  private last = 0;
  private written = 0;
  private pending: number | null = null;
  private writing: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly write: (percent: number) => Promise<unknown>) {}

  report(fraction: number): void {
    const percent = Math.min(99, Math.floor(fraction * 100));
    if (percent <= this.written) return;
    this.pending = percent;
    if (this.timer) return;
    const wait = Math.max(0, this.last + PROGRESS_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    const percent = this.pending;
    this.pending = null;
    if (percent === null || percent <= this.written) return;
    this.written = percent;
    this.last = Date.now();
    this.writing = this.writing.then(() => this.write(percent)).catch(() => undefined);
  }

  /** Stops writing and waits for the write in flight, before the job ends. */
  async settle(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    await this.writing;
  }
}
