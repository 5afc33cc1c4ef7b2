import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { STAKEHOLDER_GROUPS, retentionDeadline, type AnonymityMode, type EvaluationStatus, type LinkKind, type Locale, type StakeholderGroupKey, type SubmissionStatus } from '#domain';
import { AppException } from '../../common/app.exception.js';
import { RateLimiterService } from '../auth/rate-limiter.service.js';
import { sha256Hex } from '../auth/tokens.js';
import { AuditService } from '../audit/audit.service.js';
import type { MyAnswersDto, RespondentSubmissionDto, RespondentViewDto, SaveSubmissionDto, SavedSubmissionDto } from './dto/respondent.dto.js';
import { QuestionnaireCache } from './questionnaire-cache.service.js';
import { SubmissionStore, type PreparedSubmission, type StoredSubmission, type SubmissionTarget, type SubmissionWrite } from './submission-store.service.js';
import { channelOf } from './submission-rules.js';

/** Tokens are 22 characters; anything far longer is no token, and is not hashed as given. */
const MAX_TOKEN_LENGTH = 256;
/** Failed look-ups allowed per client address and window: enough for typos, far too few to guess 128 bits. */
const FAILED_LOOKUPS_PER_ADDRESS = 30;
const FAILED_LOOKUPS_WINDOW_SECONDS = 10 * 60;

interface LinkRow {
  link_id: string;
  kind: LinkKind;
  group_key: StakeholderGroupKey;
  label: string | null;
  max_submissions: number | null;
  session_id: string | null;
  kiosk: boolean;
  revoked_at: Date | null;
  evaluation_id: string;
  workspace_id: string;
  title: string;
  status: EvaluationStatus;
  opens_at: Date;
  closes_at: Date;
  k_threshold: number;
  content_hash: string;
  updated_at: Date;
  retention_months: number;
  purged_at: Date | null;
  anonymity: AnonymityMode;
  organization_name: string;
}

interface MySubmissionRow extends SubmissionRow {
  submitted_at: Date | null;
  respondent_name: string | null;
  consent_at: Date | null;
}

interface SubmissionRow {
  client_id: string;
  status: SubmissionStatus;
  data: Record<string, unknown>;
  updated_at: Date;
}

/**
 * What a respondent does with a link: open it (the questionnaire, and what they saved so far on a
 * personal link), resume, save. A link is found by the SHA-256 of its token in one indexed query;
 * an unknown, malformed, revoked or expired token gets the same answer after the same work, and
 * only failed look-ups count against the client address (thirty phones on one Wi-Fi answer freely).
 */
@Injectable()
export class RespondentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rateLimiter: RateLimiterService,
    private readonly questionnaires: QuestionnaireCache,
    private readonly store: SubmissionStore,
    private readonly audit: AuditService,
  ) {}

  /** Links resolved in the last seconds, by token hash: only a hint for the next save, which checks the link again in its write. */
  private readonly recentLinks = new RecentLinks();

  async open(token: string, locale: Locale, ip: string | undefined): Promise<RespondentViewDto> {
    const link = await this.resolve(token, ip);
    const questionnaire = await this.questionnaires.get(
      { evaluationId: link.evaluation_id, groupKey: link.group_key, contentHash: link.content_hash, updatedAt: new Date(link.updated_at) },
      locale,
    );
    let submission: RespondentSubmissionDto | null = null;
    if (link.kind === 'personal') {
      const rows = await this.dataSource.query<SubmissionRow[]>(
        `SELECT client_id, status, data, updated_at FROM submission WHERE link_id = $1 AND channel = 'personal'`,
        [link.link_id],
      );
      submission = rows[0] ? toSubmission(rows[0]) : null;
    }
    const group = STAKEHOLDER_GROUPS.find((g) => g.key === link.group_key)!;
    return {
      evaluation: {
        title: link.title,
        organizationName: link.organization_name,
        opensAt: link.opens_at,
        closesAt: link.closes_at,
        kThreshold: link.k_threshold,
        retainedUntil: retentionDeadline(new Date(link.closes_at), link.retention_months),
      },
      groupKey: link.group_key,
      groupLabel: { fr: group.label.fr, en: group.label.en },
      anonymity: link.anonymity,
      linkKind: link.kind,
      kiosk: link.kiosk,
      respondentName: link.kind === 'personal' && link.anonymity !== 'anonymous' ? link.label : null,
      questionnaire: questionnaire.survey as unknown as Record<string, unknown>,
      submission,
    };
  }

  /** What this link saved under `clientId` (resuming a shared or session link on the same device). */
  async resume(token: string, clientId: string, ip: string | undefined): Promise<RespondentSubmissionDto> {
    const link = await this.resolve(token, ip);
    const rows = await this.dataSource.query<SubmissionRow[]>(
      `SELECT client_id, status, data, updated_at FROM submission WHERE evaluation_id = $1 AND client_id = $2 AND link_id = $3`,
      [link.evaluation_id, clientId, link.link_id],
    );
    if (!rows[0]) throw new AppException('not-found', 'Nothing was saved under this id with this link.');
    return toSubmission(rows[0]);
  }

  async save(token: string, clientId: string, dto: SaveSubmissionDto, ip: string | undefined): Promise<SavedSubmissionDto> {
    const hash = tokenHash(token);
    const recent = this.recentLinks.get(hash);
    if (recent) {
      // The link was resolved a moment ago: write a new submission in one statement that checks
      // the link may still be answered; anything else (an id already saved, a link revoked or
      // changed meanwhile) goes the full way below.
      let prepared: PreparedSubmission;
      try {
        prepared = await this.store.prepare(targetOf(recent), writeOf(recent, clientId, dto));
      } catch (error) {
        // A link that stopped working answers as such before anything is said about the answers.
        await this.resolve(token, ip);
        throw error;
      }
      const written = await this.store.insertThroughLink(prepared, { tokenHash: hash, designUpdatedAt: new Date(recent.updated_at), anonymity: recent.anonymity });
      if (written) return saved(written);
      const link = await this.resolve(token, ip);
      if (sameTarget(link, recent)) return saved(await this.store.write(prepared, { probablyExists: true }));
      return saved(await this.store.save(targetOf(link), writeOf(link, clientId, dto)));
    }
    const link = await this.resolve(token, ip);
    return saved(await this.store.save(targetOf(link), writeOf(link, clientId, dto)));
  }

  /**
   * What a personal link keeps about its respondent: the questionnaire and the answers saved
   * (partial or submitted), the name and consent kept with them. Open until the evaluation is
   * closed, after collection too, so a respondent can always check what they gave.
   */
  async myAnswers(token: string, locale: Locale, ip: string | undefined): Promise<MyAnswersDto> {
    const link = await this.personalLink(token, ip);
    const questionnaire = await this.questionnaires.get(
      { evaluationId: link.evaluation_id, groupKey: link.group_key, contentHash: link.content_hash, updatedAt: new Date(link.updated_at) },
      locale,
    );
    const [row] = await this.dataSource.query<MySubmissionRow[]>(
      `SELECT client_id, status, data, updated_at, submitted_at, respondent_name, consent_at FROM submission WHERE link_id = $1 AND channel = 'personal'`,
      [link.link_id],
    );
    const group = STAKEHOLDER_GROUPS.find((g) => g.key === link.group_key)!;
    return {
      evaluation: {
        title: link.title,
        organizationName: link.organization_name,
        status: link.status,
        closesAt: link.closes_at,
        retainedUntil: retentionDeadline(new Date(link.closes_at), link.retention_months),
      },
      groupKey: link.group_key,
      groupLabel: { fr: group.label.fr, en: group.label.en },
      anonymity: link.anonymity,
      questionnaire: questionnaire.survey as unknown as Record<string, unknown>,
      submission: row
        ? { ...toSubmission(row), submittedAt: row.submitted_at, respondentName: row.respondent_name, consentAt: row.consent_at }
        : null,
    };
  }

  /**
   * Erases what a personal link saved (GDPR right to erasure): the submission with its answer rows,
   * and with them its verbatims, codings and story selections. Until the evaluation is closed;
   * while collection is open the link can then be answered again. Returns whether anything was
   * erased; the audit trail records that an erasure happened in the group, never who asked.
   */
  async eraseMyAnswers(token: string, ip: string | undefined): Promise<{ erased: boolean }> {
    const link = await this.personalLink(token, ip);
    this.recentLinks.delete(tokenHash(token));
    return this.dataSource.transaction(async (m) => {
      const deleted = await m.query<Array<{ status: SubmissionStatus }>>(
        `WITH erased AS (DELETE FROM submission WHERE link_id = $1 AND channel = 'personal' AND evaluation_id = $2 RETURNING status) SELECT status FROM erased`,
        [link.link_id, link.evaluation_id],
      );
      if (deleted.length === 0) return { erased: false };
      await this.audit.record(
        {
          action: 'submission.erased-by-respondent',
          targetType: 'evaluation',
          targetId: link.evaluation_id,
          workspaceId: link.workspace_id,
          actorUserId: null,
          data: { groupKey: link.group_key, status: deleted[0]!.status },
        },
        m,
      );
      return { erased: true };
    });
  }

  /**
   * The personal link of a token, whatever the collection's state, until its evaluation is closed
   * or its answers were deleted at the end of their retention period (410 answers-final).
   * Unknown, malformed and revoked tokens get the same 404 as everywhere else.
   */
  private async personalLink(token: string, ip: string | undefined): Promise<LinkRow> {
    const hash = tokenHash(token);
    const link = await this.findLink(hash);
    if (!link || link.revoked_at !== null) return this.invalid(hash, ip);
    if (link.kind !== 'personal') {
      throw new AppException(
        'not-found',
        'Only a personal link keeps answers that can be seen or erased with it: answers given through a shared link are tied to no one, not even to the link.',
      );
    }
    if (link.status === 'closed' || link.purged_at !== null) {
      const retainedUntil = retentionDeadline(new Date(link.closes_at), link.retention_months);
      throw new AppException(
        'answers-final',
        link.purged_at !== null
          ? 'The individual answers of this evaluation have been deleted; only figures about groups of at least k people remain.'
          : `This evaluation is closed: its answers no longer change and can no longer be erased. They are deleted on ${retainedUntil.toISOString().slice(0, 10)}; only figures about groups of at least k people are kept after.`,
        undefined,
        { retainedUntil },
      );
    }
    return link;
  }

  /**
   * The link of a token, if it may be answered now. Unknown, malformed, revoked, past its
   * evaluation's closing date or of a closed evaluation: one answer, after the same hash and
   * query. A good link of an evaluation that is not collecting says when collection opens.
   */
  private async resolve(token: string, ip: string | undefined): Promise<LinkRow> {
    const hash = tokenHash(token);
    const link = await this.findLink(hash);
    const now = Date.now();
    if (!link || link.revoked_at !== null || link.status === 'closed' || now >= new Date(link.closes_at).getTime()) return this.invalid(hash, ip);
    const notYet = now < new Date(link.opens_at).getTime();
    if (link.status !== 'collecting' || notYet) {
      const detail =
        link.status === 'draft' || notYet
          ? `The collection of answers has not opened yet: come back from ${new Date(link.opens_at).toISOString()}.`
          : link.status === 'analysing'
            ? 'The collection of answers is paused while the answers are analysed; it may reopen.'
            : 'The collection of answers is over: the results are being written up.';
      this.recentLinks.delete(hash);
      // A personal link's respondent may still see and erase their answers (/r/:token/my-answers).
      throw new AppException('collection-closed', detail, undefined, { opensAt: link.opens_at, closesAt: link.closes_at, personalLink: link.kind === 'personal' });
    }
    this.recentLinks.set(hash, link);
    return link;
  }

  /** The link of a token hash with its evaluation, group and organization, in one indexed query. */
  private async findLink(hash: string): Promise<LinkRow | undefined> {
    const rows = await this.dataSource.query<LinkRow[]>(
      `SELECT l.id AS link_id, l.kind, l.group_key, l.label, l.max_submissions, l.session_id, l.kiosk, l.revoked_at,
              e.id AS evaluation_id, e.workspace_id, e.title, e.status, e.opens_at, e.closes_at, e.k_threshold, e.content_hash, e.updated_at,
              e.retention_months, e.purged_at, g.anonymity, o.name AS organization_name
         FROM collection_link l
         JOIN evaluation e ON e.id = l.evaluation_id
         JOIN evaluation_group g ON g.evaluation_id = l.evaluation_id AND g.group_key = l.group_key
         JOIN organization o ON o.id = e.organization_id
        WHERE l.token_hash = $1`,
      [hash],
    );
    return rows[0];
  }

  /** The one answer to every token that is no (longer a) good link, counted against the address. */
  private async invalid(hash: string, ip: string | undefined): Promise<never> {
    this.recentLinks.delete(hash);
    await this.countFailure(ip);
    throw new AppException(
      'link-invalid',
      'This link is not valid: it may be mistyped, replaced by a newer one, or its evaluation has ended. Ask the person who sent it for a new one.',
    );
  }

  /** Counts a failed look-up against the address, kept as a hash: no IP address is stored. */
  private async countFailure(ip: string | undefined): Promise<void> {
    const key = `respond-token:${sha256Hex(`respond:${ip ?? 'unknown'}`).slice(0, 32)}`;
    const state = await this.rateLimiter.hit(key, FAILED_LOOKUPS_WINDOW_SECONDS);
    if (state.hits > FAILED_LOOKUPS_PER_ADDRESS) {
      throw new AppException('too-many-attempts', `Too many invalid links were tried from this address; try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`, undefined, {
        retryAfterSeconds: state.retryAfterSeconds,
      });
    }
  }
}

function toSubmission(row: SubmissionRow): RespondentSubmissionDto {
  return { clientId: row.client_id, status: row.status, data: row.data, updatedAt: row.updated_at };
}

function tokenHash(token: string): string {
  return sha256Hex(token.length <= MAX_TOKEN_LENGTH ? token : '');
}

function checkConsent(link: LinkRow, dto: SaveSubmissionDto): void {
  if (dto.consent && link.anonymity !== 'named') {
    const how = link.anonymity === 'anonymous' ? 'anonymously' : 'confidentially';
    throw AppException.validation([
      { path: 'consent', code: 'consent-not-asked', message: `This group answers ${how}: no name is asked or kept. Leave consent out.` },
    ]);
  }
  if (link.anonymity === 'named' && dto.complete && !dto.consent) {
    throw new AppException('consent-required', 'This group’s answers are quoted with the respondent’s name: give the name you agree to be quoted under.', [
      { path: 'consent', code: 'consent-required', message: 'consent.name is required to submit the answers of a named group' },
    ]);
  }
}

function targetOf(link: LinkRow): SubmissionTarget {
  return {
    workspaceId: link.workspace_id,
    evaluationId: link.evaluation_id,
    groupKey: link.group_key,
    anonymity: link.anonymity,
    contentHash: link.content_hash,
    designUpdatedAt: new Date(link.updated_at),
    channel: channelOf(link.kind, link.kiosk),
    linkId: link.link_id,
    sessionId: link.session_id,
    maxSubmissions: link.kind === 'shared' ? link.max_submissions : null,
  };
}

/** The write of a save through this link; throws when the consent does not fit the group. */
function writeOf(link: LinkRow, clientId: string, dto: SaveSubmissionDto): SubmissionWrite {
  checkConsent(link, dto);
  const respondentName =
    link.anonymity === 'named' ? (dto.consent?.name ?? null) : link.anonymity === 'confidential' && link.kind === 'personal' ? link.label : null;
  return { clientId, data: dto.data, locale: dto.locale, complete: dto.complete, respondentName, consent: dto.consent !== undefined };
}

/** Whether a save prepared for `before` would be prepared the same for `after`. */
function sameTarget(after: LinkRow, before: LinkRow): boolean {
  const a = targetOf(after);
  const b = targetOf(before);
  return (Object.keys(a) as Array<keyof SubmissionTarget>).every((key) => {
    const x = a[key];
    const y = b[key];
    return x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
  }) && after.label === before.label;
}

function saved(stored: StoredSubmission): SavedSubmissionDto {
  return { clientId: stored.clientId, status: stored.status, submittedAt: stored.submittedAt };
}

/**
 * A small map of recently resolved links, each kept a few seconds, oldest dropped first past a
 * bound. It never decides whether a link may be answered: the write that uses it checks that
 * in the same statement.
 */
class RecentLinks {
  private static readonly TTL_MS = 5_000;
  private static readonly MAX_ENTRIES = 5_000;
  private readonly entries = new Map<string, { link: LinkRow; until: number }>();

  get(hash: string): LinkRow | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.link;
  }

  set(hash: string, link: LinkRow): void {
    this.entries.delete(hash);
    this.entries.set(hash, { link, until: Date.now() + RecentLinks.TTL_MS });
    if (this.entries.size > RecentLinks.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(hash: string): void {
    this.entries.delete(hash);
  }
}
