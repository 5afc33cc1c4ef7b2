import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  STAKEHOLDER_GROUP_KEYS,
  type AnonymityMode,
  type EvaluationStatus,
  type FieldError,
  type StakeholderGroupKey,
  type SubmissionChannel,
  type SubmissionStatus,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { randomToken, sha256Hex } from '../auth/tokens.js';
import { MailService, type OutgoingMail } from '../mail/mail.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type {
  CollectionOverviewDto,
  CreatedLinkDto,
  CreateLinksDto,
  GroupCollectionDto,
  LinkDto,
  PaperSubmissionDto,
  PaperSubmissionResultDto,
  RemindersResultDto,
  SubmissionsQueryDto,
  SubmissionSummaryDto,
} from './dto/collection.dto.js';
import { SubmissionStore } from './submission-store.service.js';
import { responseRate } from './submission-rules.js';

interface EvaluationRow {
  id: string;
  workspace_id: string;
  status: EvaluationStatus;
  title: string;
  closes_at: Date;
  content_hash: string;
  updated_at: Date;
  organization_name: string;
}
interface GroupRow {
  group_key: StakeholderGroupKey;
  expected_count: number;
  anonymity: AnonymityMode;
}
interface LinkRow {
  id: string;
  group_key: StakeholderGroupKey;
  kind: 'personal' | 'shared';
  token_hash: string;
  label: string | null;
  email: string | null;
  max_submissions: number | null;
  submitted: number;
  partial: number;
  revoked_at: Date | null;
  last_sent_at: Date | null;
  reminder_count: number;
  created_at: Date;
}
interface SubmissionRow {
  id: string;
  group_key: StakeholderGroupKey;
  channel: SubmissionChannel;
  status: SubmissionStatus;
  started_at: Date;
  submitted_at: Date | null;
  respondent_name: string | null;
  anonymity: AnonymityMode;
  answer_count: number;
  excluded_at: Date | null;
  excluded_by: string | null;
  exclusion_reason: string | null;
}

/** Links are made while the evaluation is prepared or collecting; afterwards nobody can answer them. */
const LINKS_OPEN: readonly EvaluationStatus[] = ['draft', 'collecting'];
/** Paper questionnaires are typed in while collecting, and while analysing for the ones that arrive late. */
const PAPER_OPEN: readonly EvaluationStatus[] = ['collecting', 'analysing'];

const LINK_COLUMNS = `l.id, l.group_key, l.kind, l.token_hash, l.label, l.email, l.max_submissions, l.revoked_at, l.last_sent_at, l.reminder_count, l.created_at`;
const LINK_COUNTS = `(SELECT count(*) FROM submission s WHERE s.evaluation_id = l.evaluation_id AND s.link_id = l.id AND s.status = 'submitted')::int AS submitted,
                     (SELECT count(*) FROM submission s WHERE s.evaluation_id = l.evaluation_id AND s.link_id = l.id AND s.status = 'partial')::int AS partial`;
const SUBMISSION_SUMMARY = `SELECT s.id, s.group_key, s.channel, s.status, s.started_at, s.submitted_at, s.respondent_name, g.anonymity,
         s.excluded_at, s.excluded_by, s.exclusion_reason,
         (SELECT count(DISTINCT a.question_key) FROM answer a WHERE a.submission_id = s.id AND a.part = 'answer')::int AS answer_count
    FROM submission s
    JOIN evaluation_group g ON g.evaluation_id = s.evaluation_id AND g.group_key = s.group_key`;

const groupOrder = (key: StakeholderGroupKey) => STAKEHOLDER_GROUP_KEYS.indexOf(key);

/**
 * The facilitator's side of collection for one evaluation: the overview of answers against what
 * is expected, the links (made, e-mailed, reminded, revoked, renewed), the submissions (listed
 * without identity for anonymous groups, excluded and restored with a reason) and paper
 * questionnaires typed in. Tokens are shown once, when made; only their hashes are kept.
 */
@Injectable()
export class CollectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly store: SubmissionStore,
  ) {}

  async overview(organizationId: string, evaluationId: string): Promise<CollectionOverviewDto> {
    const m = this.dataSource.manager;
    const evaluation = await this.load(m, organizationId, evaluationId);
    const groups = await this.groups(m, evaluation.id);
    const submissions = await m.query<Array<{ group_key: string; submitted: number; partial: number; excluded: number }>>(
      `SELECT group_key,
              count(*) FILTER (WHERE status = 'submitted' AND excluded_at IS NULL)::int AS submitted,
              count(*) FILTER (WHERE status = 'partial')::int AS partial,
              count(*) FILTER (WHERE excluded_at IS NOT NULL)::int AS excluded
         FROM submission WHERE evaluation_id = $1 AND workspace_id = $2
        GROUP BY group_key`,
      [evaluation.id, evaluation.workspace_id],
    );
    const links = await m.query<Array<{ group_key: string; personal_links: number; personal_answered: number; shared_links: number }>>(
      `SELECT l.group_key,
              count(*) FILTER (WHERE l.kind = 'personal' AND (l.revoked_at IS NULL OR a.answered))::int AS personal_links,
              count(*) FILTER (WHERE l.kind = 'personal' AND a.answered)::int AS personal_answered,
              count(*) FILTER (WHERE l.kind = 'shared' AND l.revoked_at IS NULL)::int AS shared_links
         FROM collection_link l
         CROSS JOIN LATERAL (
           SELECT EXISTS (SELECT 1 FROM submission s WHERE s.link_id = l.id AND s.channel = 'personal' AND s.status = 'submitted') AS answered
         ) a
        WHERE l.evaluation_id = $1 AND l.workspace_id = $2 AND l.kind IN ('personal', 'shared')
        GROUP BY l.group_key`,
      [evaluation.id, evaluation.workspace_id],
    );
    const sessions = await m.query<Array<{ open: number }>>(
      `SELECT count(*)::int AS open FROM collective_session WHERE evaluation_id = $1 AND workspace_id = $2 AND status = 'open'`,
      [evaluation.id, evaluation.workspace_id],
    );
    const rows: GroupCollectionDto[] = groups.map((g) => {
      const s = submissions.find((row) => row.group_key === g.group_key);
      const l = links.find((row) => row.group_key === g.group_key);
      const submitted = s?.submitted ?? 0;
      return {
        groupKey: g.group_key,
        anonymity: g.anonymity,
        expectedCount: g.expected_count,
        submitted,
        partial: s?.partial ?? 0,
        excluded: s?.excluded ?? 0,
        responseRate: responseRate(submitted, g.expected_count),
        personalLinks: l?.personal_links ?? 0,
        personalAnswered: l?.personal_answered ?? 0,
        sharedLinks: l?.shared_links ?? 0,
      };
    });
    const sum = (pick: (g: GroupCollectionDto) => number) => rows.reduce((total, g) => total + pick(g), 0);
    return {
      groups: rows,
      totals: { expected: sum((g) => g.expectedCount), submitted: sum((g) => g.submitted), partial: sum((g) => g.partial), excluded: sum((g) => g.excluded) },
      openSessions: sessions[0]?.open ?? 0,
    };
  }

  async links(organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey | undefined): Promise<LinkDto[]> {
    const m = this.dataSource.manager;
    const evaluation = await this.load(m, organizationId, evaluationId);
    const rows = await m.query<LinkRow[]>(
      `SELECT ${LINK_COLUMNS}, ${LINK_COUNTS}
         FROM collection_link l
        WHERE l.evaluation_id = $1 AND l.workspace_id = $2 AND l.kind IN ('personal', 'shared') AND ($3::varchar IS NULL OR l.group_key = $3)
        ORDER BY l.created_at, l.id`,
      [evaluation.id, evaluation.workspace_id, groupKey ?? null],
    );
    return rows.map(toLinkDto);
  }

  async createLinks(organizationId: string, evaluationId: string, dto: CreateLinksDto): Promise<CreatedLinkDto[]> {
    const made = await this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      assertLinksOpen(evaluation.status);
      const group = await this.group(m, evaluation.id, dto.groupKey);
      const respondents = checkLinkRequest(dto, group.anonymity);
      const tokens = respondents.map(() => randomToken());
      const rows = await m.query<LinkRow[]>(
        `INSERT INTO collection_link AS l (workspace_id, evaluation_id, group_key, kind, token_hash, label, email, max_submissions, created_by)
         SELECT $1, $2, $3, $4, t.token_hash, t.label, t.email, $5, $6
           FROM unnest($7::text[], $8::text[], $9::text[]) AS t(token_hash, label, email)
         RETURNING ${LINK_COLUMNS}, 0 AS submitted, 0 AS partial`,
        [
          evaluation.workspace_id,
          evaluation.id,
          dto.groupKey,
          dto.kind,
          dto.kind === 'shared' ? (dto.maxSubmissions ?? null) : null,
          this.tenant.userId,
          tokens.map((token) => sha256Hex(token)),
          respondents.map((r) => r.label),
          respondents.map((r) => r.email),
        ],
      );
      const byHash = new Map(rows.map((row) => [row.token_hash, row]));
      const links = tokens.map((token) => ({ token, row: byHash.get(sha256Hex(token))! }));
      await this.audit.record(
        {
          action: 'collection.links-created',
          targetType: 'evaluation',
          targetId: evaluation.id,
          data: { groupKey: dto.groupKey, kind: dto.kind, count: links.length, linkIds: links.map((l) => l.row.id), maxSubmissions: dto.maxSubmissions ?? null },
        },
        m,
      );
      return { evaluation, links };
    });
    const out: CreatedLinkDto[] = [];
    for (const { token, row } of made.links) {
      const emailed = dto.send === true && row.email !== null && (await this.sendLink(made.evaluation, row, token, false));
      out.push({ ...toLinkDto(emailed ? { ...row, last_sent_at: new Date() } : row), token, path: `/r/${token}`, emailed });
    }
    return out;
  }

  async revokeLink(organizationId: string, evaluationId: string, linkId: string): Promise<LinkDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId);
      const link = await this.link(m, evaluation, linkId);
      if (link.revoked_at === null) {
        await m.query(`UPDATE collection_link SET revoked_at = now() WHERE id = $1`, [link.id]);
        await this.audit.record({ action: 'collection.link-revoked', targetType: 'collection_link', targetId: link.id, data: { evaluationId: evaluation.id, groupKey: link.group_key, kind: link.kind } }, m);
      }
      return toLinkDto(await this.link(m, evaluation, linkId));
    });
  }

  /** A new link for the same respondent (a lost or leaked one): the old one stops working, and what was answered through it follows the new one. */
  async renewLink(organizationId: string, evaluationId: string, linkId: string): Promise<CreatedLinkDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      assertLinksOpen(evaluation.status);
      const old = await this.link(m, evaluation, linkId);
      const token = randomToken();
      const rows = await m.query<Array<{ id: string }>>(
        `INSERT INTO collection_link (workspace_id, evaluation_id, group_key, kind, token_hash, label, email, max_submissions, created_by)
         SELECT workspace_id, evaluation_id, group_key, kind, $2, label, email, max_submissions, $3 FROM collection_link WHERE id = $1
         RETURNING id`,
        [old.id, sha256Hex(token), this.tenant.userId],
      );
      const renewedId = rows[0]!.id;
      await m.query(`UPDATE collection_link SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1`, [old.id]);
      await m.query(`UPDATE submission SET link_id = $2 WHERE link_id = $1 AND evaluation_id = $3`, [old.id, renewedId, evaluation.id]);
      await this.audit.record(
        { action: 'collection.link-renewed', targetType: 'collection_link', targetId: renewedId, data: { evaluationId: evaluation.id, groupKey: old.group_key, kind: old.kind, replaces: old.id } },
        m,
      );
      return { ...toLinkDto(await this.link(m, evaluation, renewedId)), token, path: `/r/${token}`, emailed: false };
    });
  }

  /**
   * E-mails the personal links whose respondent has not submitted. Only hashes of tokens are
   * kept, so each reminder carries a new token for the same link: what was saved stays, and the
   * previous address stops working.
   */
  async remind(organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey | undefined): Promise<RemindersResultDto> {
    const m = this.dataSource.manager;
    const evaluation = await this.load(m, organizationId, evaluationId);
    if (evaluation.status !== 'collecting') {
      throw new AppException('evaluation-locked', `Reminders are sent while the evaluation is collecting; it is ${evaluation.status}.`, undefined, {
        evaluationStatus: evaluation.status,
      });
    }
    const targets = await m.query<LinkRow[]>(
      `SELECT ${LINK_COLUMNS}, 0 AS submitted, 0 AS partial
         FROM collection_link l
        WHERE l.evaluation_id = $1 AND l.workspace_id = $2 AND l.kind = 'personal' AND l.revoked_at IS NULL AND l.email IS NOT NULL
          AND ($3::varchar IS NULL OR l.group_key = $3)
          AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.link_id = l.id AND s.channel = 'personal' AND s.status = 'submitted')
        ORDER BY l.created_at, l.id`,
      [evaluation.id, evaluation.workspace_id, groupKey ?? null],
    );
    if (!this.mail.enabled) return { sent: 0, skipped: targets.length, mailEnabled: false };
    let sent = 0;
    for (const link of targets) {
      const token = randomToken();
      if (await this.sendLink(evaluation, link, token, true)) sent += 1;
    }
    await this.audit.record(
      { action: 'collection.reminders-sent', targetType: 'evaluation', targetId: evaluation.id, data: { groupKey: groupKey ?? null, sent, skipped: targets.length - sent } },
    );
    return { sent, skipped: targets.length - sent, mailEnabled: true };
  }

  async submissions(organizationId: string, evaluationId: string, query: SubmissionsQueryDto): Promise<SubmissionSummaryDto[]> {
    const m = this.dataSource.manager;
    const evaluation = await this.load(m, organizationId, evaluationId);
    const rows = await m.query<SubmissionRow[]>(
      `${SUBMISSION_SUMMARY}
        WHERE s.evaluation_id = $1 AND s.workspace_id = $2
          AND ($3::varchar IS NULL OR s.group_key = $3) AND ($4::varchar IS NULL OR s.status = $4)
        ORDER BY s.started_at DESC, s.id`,
      [evaluation.id, evaluation.workspace_id, query.groupKey ?? null, query.status ?? null],
    );
    return rows.map(toSubmissionDto);
  }

  /** Takes a submitted submission out of the results (a duplicate, a test, an answer given in bad faith), with the reason. */
  async exclude(organizationId: string, evaluationId: string, submissionId: string, reason: string): Promise<SubmissionSummaryDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId);
      assertNotClosed(evaluation.status);
      const submission = await this.submission(m, evaluation, submissionId, true);
      if (submission.status !== 'submitted') {
        throw new AppException('conflict', 'Only a submitted submission can be excluded: a partial one never counts in the results, and expires by itself.');
      }
      if (submission.excluded_at !== null) throw new AppException('conflict', `This submission is already excluded (${submission.exclusion_reason ?? ''}); restore it first to change the reason.`);
      await m.query(`UPDATE submission SET excluded_at = now(), excluded_by = $2, exclusion_reason = $3 WHERE id = $1`, [submission.id, this.tenant.userId, reason]);
      await this.audit.record({ action: 'submission.excluded', targetType: 'submission', targetId: submission.id, data: { evaluationId: evaluation.id, groupKey: submission.group_key, reason } }, m);
      return toSubmissionDto(await this.submission(m, evaluation, submissionId));
    });
  }

  async restore(organizationId: string, evaluationId: string, submissionId: string, reason: string): Promise<SubmissionSummaryDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId);
      assertNotClosed(evaluation.status);
      const submission = await this.submission(m, evaluation, submissionId, true);
      if (submission.excluded_at === null) throw new AppException('conflict', 'This submission is not excluded; there is nothing to restore.');
      await m.query(`UPDATE submission SET excluded_at = NULL, excluded_by = NULL, exclusion_reason = NULL WHERE id = $1`, [submission.id]);
      await this.audit.record(
        {
          action: 'submission.restored',
          targetType: 'submission',
          targetId: submission.id,
          data: { evaluationId: evaluation.id, groupKey: submission.group_key, reason, exclusionReason: submission.exclusion_reason },
        },
        m,
      );
      return toSubmissionDto(await this.submission(m, evaluation, submissionId));
    });
  }

  /** A paper questionnaire typed in by the facilitator: submitted at once, required questions not enforced (people skip some on paper). */
  async paper(organizationId: string, evaluationId: string, dto: PaperSubmissionDto): Promise<PaperSubmissionResultDto> {
    const m = this.dataSource.manager;
    const evaluation = await this.load(m, organizationId, evaluationId);
    if (!PAPER_OPEN.includes(evaluation.status)) {
      throw new AppException('evaluation-locked', `Paper questionnaires are typed in while the evaluation is collecting or analysing; it is ${evaluation.status}.`, undefined, {
        evaluationStatus: evaluation.status,
      });
    }
    const group = await this.group(m, evaluation.id, dto.groupKey);
    const respondentName = dto.respondentName ? dto.respondentName : null;
    if (respondentName !== null && group.anonymity === 'anonymous') {
      throw AppException.validation([
        {
          path: 'respondentName',
          code: 'anonymous-group',
          message: `The ${dto.groupKey} group answers anonymously: no name is kept. Leave respondentName out.`,
        },
      ]);
    }
    const stored = await this.store.save(
      {
        workspaceId: evaluation.workspace_id,
        evaluationId: evaluation.id,
        groupKey: dto.groupKey,
        anonymity: group.anonymity,
        contentHash: evaluation.content_hash,
        designUpdatedAt: new Date(evaluation.updated_at),
        channel: 'paper',
        linkId: null,
        sessionId: null,
        maxSubmissions: null,
      },
      {
        clientId: dto.clientId,
        data: dto.data,
        locale: dto.locale,
        complete: true,
        enforceRequired: false,
        respondentName,
        // A named group's paper form carries the signed consent the facilitator collected.
        consent: group.anonymity === 'named' && respondentName !== null,
        enteredBy: this.tenant.userId,
      },
      {
        afterWrite: (tx, saved) =>
          this.audit.record(
            { action: 'submission.paper-entered', targetType: 'submission', targetId: saved.id, data: { evaluationId: evaluation.id, groupKey: dto.groupKey, clientId: dto.clientId } },
            tx,
          ),
      },
    );
    return { id: stored.id, clientId: stored.clientId, status: 'submitted' };
  }

  private async load(m: EntityManager, organizationId: string, evaluationId: string, lock = false): Promise<EvaluationRow> {
    const rows = await m.query<EvaluationRow[]>(
      `SELECT e.id, e.workspace_id, e.status, e.title, e.closes_at, e.content_hash, e.updated_at, o.name AS organization_name
         FROM evaluation e JOIN organization o ON o.id = e.organization_id
        WHERE e.id = $1 AND e.organization_id = $2 AND e.workspace_id = $3
        ${lock ? 'FOR UPDATE OF e' : ''}`,
      [evaluationId, organizationId, this.tenant.workspaceId],
    );
    if (!rows[0]) throw AppException.notFound('evaluation');
    return rows[0];
  }

  private async groups(m: EntityManager, evaluationId: string): Promise<GroupRow[]> {
    const rows = await m.query<GroupRow[]>(`SELECT group_key, expected_count, anonymity FROM evaluation_group WHERE evaluation_id = $1`, [evaluationId]);
    return rows.sort((a, b) => groupOrder(a.group_key) - groupOrder(b.group_key));
  }

  private async group(m: EntityManager, evaluationId: string, groupKey: StakeholderGroupKey): Promise<GroupRow> {
    const rows = await m.query<GroupRow[]>(`SELECT group_key, expected_count, anonymity FROM evaluation_group WHERE evaluation_id = $1 AND group_key = $2`, [
      evaluationId,
      groupKey,
    ]);
    if (!rows[0]) throw new AppException('not-found', `The ${groupKey} group is not in this evaluation; add it first (PUT …/groups/${groupKey}).`);
    return rows[0];
  }

  private async link(m: EntityManager, evaluation: EvaluationRow, linkId: string): Promise<LinkRow> {
    const rows = await m.query<LinkRow[]>(
      `SELECT ${LINK_COLUMNS}, ${LINK_COUNTS}
         FROM collection_link l
        WHERE l.id = $1 AND l.evaluation_id = $2 AND l.workspace_id = $3 AND l.kind IN ('personal', 'shared')`,
      [linkId, evaluation.id, evaluation.workspace_id],
    );
    if (!rows[0]) throw AppException.notFound('link');
    return rows[0];
  }

  private async submission(m: EntityManager, evaluation: EvaluationRow, submissionId: string, lock = false): Promise<SubmissionRow> {
    if (lock) await m.query(`SELECT 1 FROM submission WHERE id = $1 FOR UPDATE`, [submissionId]);
    const rows = await m.query<SubmissionRow[]>(`${SUBMISSION_SUMMARY} WHERE s.id = $1 AND s.evaluation_id = $2 AND s.workspace_id = $3`, [
      submissionId,
      evaluation.id,
      evaluation.workspace_id,
    ]);
    if (!rows[0]) throw AppException.notFound('submission');
    return rows[0];
  }

  /**
   * E-mails a link to its respondent; a reminder first gives the link the new token it carries.
   * True when the SMTP server accepted it.
   */
  private async sendLink(evaluation: EvaluationRow, link: LinkRow, token: string, reminder: boolean): Promise<boolean> {
    if (link.email === null) return false;
    const sent = await this.mail.send(linkMail(evaluation, link.email, `${this.config.publicUrl}/r/${token}`, reminder));
    if (!sent) return false;
    await this.dataSource.query(
      reminder
        ? `UPDATE collection_link SET token_hash = $2, last_sent_at = now(), reminder_count = reminder_count + 1 WHERE id = $1`
        : `UPDATE collection_link SET last_sent_at = now() WHERE id = $1 AND token_hash = $2`,
      [link.id, sha256Hex(token)],
    );
    return true;
  }
}

/** The respondents a link request makes links for, checked against the group's anonymity: an anonymous group's links name nobody. */
function checkLinkRequest(dto: CreateLinksDto, anonymity: AnonymityMode): Array<{ label: string | null; email: string | null }> {
  const errors: FieldError[] = [];
  if (dto.kind === 'personal') {
    if (dto.respondents === undefined) {
      errors.push({ path: 'respondents', code: 'isNotEmpty', message: 'personal links need respondents: one entry per person ({} for each, in an anonymous group)' });
    }
    if (dto.maxSubmissions !== undefined) {
      errors.push({ path: 'maxSubmissions', code: 'personal-link', message: 'a personal link takes one person’s answers; maxSubmissions is for shared links' });
    }
    if (anonymity === 'anonymous') {
      for (const [index, respondent] of (dto.respondents ?? []).entries()) {
        for (const field of ['label', 'email'] as const) {
          if (respondent[field]) {
            errors.push({
              path: `respondents[${index}].${field}`,
              code: 'anonymous-group',
              message: `The ${dto.groupKey} group answers anonymously, so its links name nobody: leave ${field} out, or make the group confidential to send links by name.`,
            });
          }
        }
      }
    }
  } else if (dto.respondents !== undefined) {
    errors.push({ path: 'respondents', code: 'shared-link', message: 'a shared link is for the whole group; list respondents only for personal links' });
  }
  if (errors.length > 0) throw AppException.validation(errors);
  if (dto.kind === 'shared') return [{ label: null, email: null }];
  return dto.respondents!.map((r) => ({ label: r.label ? r.label : null, email: r.email ? r.email : null }));
}

function assertLinksOpen(status: EvaluationStatus): void {
  if (LINKS_OPEN.includes(status)) return;
  throw new AppException('evaluation-locked', `Links are made while the evaluation is a draft or collecting; it is ${status}, so nobody could answer them.`, undefined, {
    evaluationStatus: status,
  });
}

function assertNotClosed(status: EvaluationStatus): void {
  if (status !== 'closed') return;
  throw new AppException('evaluation-locked', 'This evaluation is closed: its submissions no longer change.', undefined, { evaluationStatus: status });
}

function toLinkDto(row: LinkRow): LinkDto {
  return {
    id: row.id,
    groupKey: row.group_key,
    kind: row.kind,
    label: row.label,
    email: row.email,
    maxSubmissions: row.max_submissions,
    submitted: Number(row.submitted),
    partial: Number(row.partial),
    revokedAt: row.revoked_at,
    lastSentAt: row.last_sent_at,
    reminderCount: row.reminder_count,
    createdAt: row.created_at,
  };
}

function toSubmissionDto(row: SubmissionRow): SubmissionSummaryDto {
  return {
    id: row.id,
    groupKey: row.group_key,
    channel: row.channel,
    status: row.status,
    startedAt: row.started_at,
    submittedAt: row.submitted_at,
    respondentName: row.anonymity === 'anonymous' ? null : row.respondent_name,
    answerCount: row.answer_count,
    excluded: row.excluded_at === null ? null : { at: row.excluded_at, by: row.excluded_by, reason: row.exclusion_reason ?? '' },
  };
}

function linkMail(evaluation: EvaluationRow, to: string, url: string, reminder: boolean): OutgoingMail {
  const closes = new Date(evaluation.closes_at);
  const fr = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(closes);
  const en = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(closes);
  const name = evaluation.organization_name;
  return {
    to,
    subject: `${reminder ? 'Rappel\u202f: ' : ''}votre regard sur ${name} / ${reminder ? 'Reminder: ' : ''}your view of ${name}`,
    text: [
      'Bonjour,',
      '',
      reminder
        ? `Vous n’avez pas encore répondu au questionnaire «\u202f${evaluation.title}\u202f» de ${name}. Il est encore temps, jusqu’au ${fr}.`
        : `${name} évalue son utilité sociale («\u202f${evaluation.title}\u202f») et aimerait connaître votre regard. Le questionnaire est ouvert jusqu’au ${fr}.`,
      'Votre lien personnel (ne le transférez pas)\u202f:',
      url,
      ...(reminder ? ['Ce lien remplace le précédent\u202f; vos réponses déjà enregistrées sont conservées.'] : []),
      '',
      '— English —',
      reminder
        ? `You have not yet answered the questionnaire “${evaluation.title}” of ${name}. There is still time, until ${en}.`
        : `${name} is assessing its social utility (“${evaluation.title}”) and would like your view. The questionnaire is open until ${en}.`,
      `Your personal link (please do not forward it): ${url}`,
      ...(reminder ? ['This link replaces the previous one; the answers you already saved are kept.'] : []),
    ].join('\n'),
  };
}
