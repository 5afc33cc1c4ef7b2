import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { retentionDeadline } from '#domain';
import { AnalysisService } from '../analysis/analysis.service.js';
import { AuditService } from '../audit/audit.service.js';

const EVERY_HOUR = 60 * 60 * 1000;

interface DueRow {
  id: string;
  workspace_id: string;
  organization_id: string;
  closes_at: Date;
  retention_months: number;
}

/** What the deletion of one evaluation's answers removed. */
export interface PurgedEvaluation {
  evaluationId: string;
  submissions: number;
  answers: number;
  links: number;
}

/**
 * Deletes the individual answers of evaluations whose retention period is over (closesAt plus
 * retentionMonths), once an hour and at start. For each, in one transaction: the analysis of all
 * its groups is computed from the answers as they are and kept in the evaluation (figures about
 * fewer than k already withheld), then its submissions go with their answer rows, masked
 * verbatims, codings and story selections (ON DELETE CASCADE), and its collection links with the
 * names and addresses they carried. The dashboard, comparisons and report read the kept analysis
 * from then on; validated report versions are not touched.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;
  private firstRun: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analysis: AnalysisService,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), EVERY_HOUR);
    this.timer.unref();
    this.firstRun = setTimeout(() => void this.run(), 5_000);
    this.firstRun.unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.firstRun);
    clearInterval(this.timer);
  }

  /** Deletes the answers of every evaluation whose retention period is over at `now`. */
  async purgeDue(now: Date = new Date()): Promise<PurgedEvaluation[]> {
    // Coarse filter in SQL (no evaluation is kept longer than 120 months), exact date in the domain.
    const candidates = await this.dataSource.query<DueRow[]>(
      `SELECT id, workspace_id, organization_id, closes_at, retention_months FROM evaluation
        WHERE purged_at IS NULL AND closes_at + make_interval(months => retention_months) <= $1::timestamptz + interval '1 day'
        ORDER BY closes_at, id`,
      [now],
    );
    const purged: PurgedEvaluation[] = [];
    for (const row of candidates) {
      if (now.getTime() < retentionDeadline(new Date(row.closes_at), row.retention_months).getTime()) continue;
      const result = await this.purge(row.id, now);
      if (result) purged.push(result);
    }
    return purged;
  }

  /**
   * Deletes one evaluation's answers if its retention period is still over when its row is
   * locked (a facilitator may have lengthened it meanwhile). Null when there was nothing to do.
   */
  private purge(evaluationId: string, now: Date): Promise<PurgedEvaluation | null> {
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<DueRow[]>(
        `SELECT id, workspace_id, organization_id, closes_at, retention_months FROM evaluation WHERE id = $1 AND purged_at IS NULL FOR UPDATE`,
        [evaluationId],
      );
      if (!row || now.getTime() < retentionDeadline(new Date(row.closes_at), row.retention_months).getTime()) return null;
      const retained = await this.analysis.analysisToRetain(m, row.workspace_id, row.organization_id, row.id);
      const [answers] = await m.query<Array<{ count: number }>>(`SELECT count(*)::int AS count FROM answer WHERE evaluation_id = $1`, [row.id]);
      const [deleted] = await m.query<Array<{ submissions: number; links: number }>>(
        `WITH submissions AS (DELETE FROM submission WHERE evaluation_id = $1 RETURNING 1),
              links AS (DELETE FROM collection_link WHERE evaluation_id = $1 RETURNING 1)
         SELECT (SELECT count(*) FROM submissions)::int AS submissions, (SELECT count(*) FROM links)::int AS links`,
        [row.id],
      );
      await m.query(`UPDATE evaluation SET purged_at = $2, retained_analysis = $3 WHERE id = $1`, [row.id, now, JSON.stringify(retained)]);
      const result: PurgedEvaluation = { evaluationId: row.id, submissions: deleted?.submissions ?? 0, answers: answers?.count ?? 0, links: deleted?.links ?? 0 };
      await this.audit.record(
        {
          action: 'evaluation.answers-purged',
          targetType: 'evaluation',
          targetId: row.id,
          workspaceId: row.workspace_id,
          actorUserId: null,
          data: {
            organizationId: row.organization_id,
            retentionMonths: row.retention_months,
            retainedUntil: retentionDeadline(new Date(row.closes_at), row.retention_months).toISOString(),
            submissions: result.submissions,
            answers: result.answers,
            links: result.links,
          },
        },
        m,
      );
      return result;
    });
  }

  private async run(): Promise<void> {
    try {
      const purged = await this.purgeDue();
      for (const p of purged) this.logger.log(`retention over: deleted ${p.submissions} submissions, ${p.answers} answers and ${p.links} links of evaluation ${p.evaluationId}; its analysis is kept`);
    } catch (error) {
      this.logger.warn(`retention run failed: ${(error as Error).message}`);
    }
  }
}
