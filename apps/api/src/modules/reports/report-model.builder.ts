/**
 * The report model: what the renderer lays out. `buildReportModel` is pure — it takes the
 * evaluation, the analysis payload (figures under k already withheld: nothing is computed here
 * again, nothing is read from raw answers), the sections and the selected stories, and words
 * everything in the report's language. `ReportModelBuilder` loads those from the database.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClsService } from 'nestjs-cls';
import { DataSource, type EntityManager } from 'typeorm';
import {
  STAKEHOLDER_GROUP_KEYS,
  chartText,
  columnLabel,
  dashboardCharts,
  indicatorTable,
  localize,
  maskVerbatim,
  prepareKnownNames,
  type AnalysisPayload,
  type AnonymityMode,
  type ChartSpec,
  type ChartTable,
  type CustomQuestion,
  type FrameworkContent,
  type Locale,
  type StakeholderGroupKey,
  type SubmissionChannel,
} from '#domain';
import type { ReportImage, ReportModel, ReportQuote, ReportSection } from '#reporting';
import { AppException } from '../../common/app.exception.js';
import { AnalysisService } from '../analysis/analysis.service.js';
import type { RequestScope } from '../tenancy/request-scope.js';
import { evaluationKnownNames } from '../verbatims/known-names.js';
import { verbatimGroups } from '../verbatims/verbatim-groups.js';
import {
  plannedSections,
  sectionDimensionKey,
  sectionOrder,
  sectionTitle,
  structuralDimensions,
  type ReportDimension,
  type ReportSectionKind,
  type SectionAction,
  type SectionTestimony,
} from './report-sections.js';

/** A section as stored. */
export interface StoredSection {
  key: string;
  kind: ReportSectionKind;
  title: string | null;
  narrative: string;
  charts: string[];
  stories: string[];
  testimonies: SectionTestimony[];
  actions: SectionAction[];
}

/** A selected story that may be quoted: a counted answer of a group with at least k submissions, masked. */
export interface QuotableStory {
  text: string;
  groupKey: StakeholderGroupKey;
  reason: string;
}

/** Everything the model is made of, loaded. */
export interface ReportSources {
  locale: Locale;
  /** null for a draft; the version number for the final render */
  version: { number: number; validatedAt: Date } | null;
  generatedAt: Date;
  organization: { name: string; logo: ReportImage | null };
  network: string;
  evaluation: {
    title: string;
    opensAt: Date;
    closesAt: Date;
    groups: ReadonlyArray<{ groupKey: StakeholderGroupKey; expectedCount: number; anonymity: AnonymityMode }>;
  };
  framework: { name: string; version: string; sources: string[] };
  dimensions: ReportDimension[];
  /** channels of the counted submissions */
  channels: SubmissionChannel[];
  payload: AnalysisPayload;
  sections: StoredSection[];
  stories: ReadonlyMap<string, QuotableStory>;
  authors: string[];
}

const WORDS = {
  fr: {
    title: (organization: string) => `Évaluation de l’utilité sociale — ${organization}`,
    draftLabel: (date: string) => `Projet du ${date}`,
    versionLabel: (n: number, date: string) => `Version ${n} — validée le ${date}`,
    anonymity: { anonymous: 'anonyme', confidential: 'confidentiel (identité connue de l’accompagnement seulement)', named: 'nominatif, avec consentement' },
    channels: {
      personal: 'liens personnels',
      shared: 'liens de groupe',
      session: 'séances collectives',
      kiosk: 'tablette partagée en séance',
      paper: 'questionnaires papier saisis',
    },
    testimony: 'Témoignage recueilli',
    notes: [
      'Seules les réponses envoyées et non écartées sont comptées ; les réponses partielles ne le sont pas.',
      'Les récits cités sont reproduits tels qu’écrits, noms, adresses et numéros masqués.',
    ],
    comparison: (title: string) => `Les évolutions sont mesurées par rapport à l’évaluation «\u202f${title}\u202f».`,
  },
  en: {
    title: (organization: string) => `Social utility evaluation — ${organization}`,
    draftLabel: (date: string) => `Draft of ${date}`,
    versionLabel: (n: number, date: string) => `Version ${n} — validated on ${date}`,
    anonymity: { anonymous: 'anonymous', confidential: 'confidential (identity known to the facilitation only)', named: 'named, with consent' },
    channels: {
      personal: 'personal links',
      shared: 'group links',
      session: 'collective sessions',
      kiosk: 'shared tablet in a session',
      paper: 'paper questionnaires, typed in',
    },
    testimony: 'Testimony',
    notes: [
      'Only submitted answers that were not set aside are counted; partial answers are not.',
      'Quoted stories are given as written, with names, addresses and numbers masked.',
    ],
    comparison: (title: string) => `Changes are measured against the evaluation “${title}”.`,
  },
} as const;

const CHANNEL_ORDER: readonly SubmissionChannel[] = ['personal', 'shared', 'session', 'kiosk', 'paper'];

export function formatReportDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(date);
}

/**
 * The participation chart as the report shows it: a group whose figures are withheld (fewer than
 * k submissions) has its count withheld too, and so has the total, which would give it away.
 */
export function reportParticipationChart(chart: ChartSpec, payload: Pick<AnalysisPayload, 'participation' | 'k'>, locale: Locale): ChartSpec {
  const t = chartText(locale);
  const withheld = new Set(payload.participation.filter((p) => p.suppressed).map((p) => p.groupKey));
  if (withheld.size === 0) return chart;
  const keys = chart.labelKeys as StakeholderGroupKey[];
  const series = chart.series.map((s) => (s.key === 'submitted' ? { ...s, values: s.values.map((v, i) => (withheld.has(keys[i]!) ? null : v)) } : s));
  const underK = t.underK(payload.k);
  const rows = chart.table.rows.map((row, index) => {
    if (index < keys.length) return withheld.has(keys[index]!) ? [row[0]!, underK, row[2]!, underK, ...row.slice(4)] : row;
    // The total row, after the groups.
    return [row[0]!, t.complementary, row[2]!, t.complementary, ...row.slice(4)];
  });
  const notes = [...chart.table.notes, t.underKNote(payload.k), ...(rows.length > keys.length ? [t.complementaryNote(payload.k)] : [])];
  return { ...chart, series, table: { ...chart.table, rows, notes } };
}

function tableOf(table: (ChartTable & { suppressedNote?: string }) | null): ChartTable | null {
  if (!table) return null;
  const { suppressedNote, ...rest } = table;
  return suppressedNote ? { ...rest, notes: [...rest.notes, suppressedNote] } : rest;
}

function groupLabel(groupKey: StakeholderGroupKey, locale: Locale): string {
  return columnLabel(groupKey, locale);
}

function quotesOf(section: StoredSection, stories: ReadonlyMap<string, QuotableStory>, locale: Locale): ReportQuote[] {
  const quotes: ReportQuote[] = [];
  for (const id of section.stories) {
    const story = stories.get(id);
    if (story) quotes.push({ kind: 'story', text: story.text, attribution: groupLabel(story.groupKey, locale), reason: story.reason });
  }
  for (const testimony of section.testimonies) {
    const group = testimony.groupKey ? groupLabel(testimony.groupKey, locale) : null;
    const name = testimony.consent && testimony.name ? testimony.name : null;
    const attribution = name ? (group ? `${name} (${group})` : name) : (group ?? WORDS[locale].testimony);
    quotes.push({ kind: 'testimony', text: testimony.text, attribution });
  }
  return quotes;
}

/** The report model from what was loaded; every text in `sources.locale` but the narratives and quotes. */
export function buildReportModel(sources: ReportSources): ReportModel {
  const { locale, payload } = sources;
  const words = WORDS[locale];
  const charts = new Map(dashboardCharts(payload, locale).map((chart) => [chart.id, chart]));
  const participation = charts.get('participation');
  if (participation) charts.set('participation', reportParticipationChart(participation, payload, locale));
  const ordered = sectionOrder(
    sources.sections.map((s) => s.key),
    sources.dimensions,
  ).map((key) => sources.sections.find((s) => s.key === key)!);

  const sections: ReportSection[] = ordered.map((section) => {
    const dimensionKey = section.kind === 'dimension' ? sectionDimensionKey(section.key) : null;
    const table = dimensionKey ? tableOf(indicatorTable(payload, locale, dimensionKey)) : null;
    return {
      key: section.key,
      kind: section.kind,
      title: sectionTitle(section, sources.dimensions, locale),
      narrative: section.narrative,
      charts: section.charts.map((id) => charts.get(id)).filter((chart): chart is ChartSpec => chart !== undefined),
      tables: table ? [table] : [],
      quotes: quotesOf(section, sources.stories, locale),
      actions: section.kind === 'action-plan' ? section.actions.map((a) => ({ recommendation: a.recommendation, who: a.who, when: a.when })) : [],
    };
  });

  const participationOf = new Map(payload.participation.map((p) => [p.groupKey, p]));
  const groups = [...sources.evaluation.groups]
    .sort((a, b) => STAKEHOLDER_GROUP_KEYS.indexOf(a.groupKey) - STAKEHOLDER_GROUP_KEYS.indexOf(b.groupKey))
    .map((group) => {
      const p = participationOf.get(group.groupKey);
      const submitted = p && !p.suppressed ? p.submitted : null;
      const expected = group.expectedCount > 0 ? group.expectedCount : null;
      return {
        label: groupLabel(group.groupKey, locale),
        expected,
        submitted,
        responseRate: submitted !== null && expected !== null ? submitted / expected : null,
        anonymity: words.anonymity[group.anonymity],
      };
    });

  const notes: string[] = [...words.notes];
  if (payload.comparison) notes.push(words.comparison(payload.comparison.previous.title));
  const versionLabel = sources.version
    ? words.versionLabel(sources.version.number, formatReportDate(sources.version.validatedAt, locale))
    : words.draftLabel(formatReportDate(sources.generatedAt, locale));

  return {
    locale,
    draft: sources.version === null,
    title: words.title(sources.organization.name),
    versionLabel,
    organization: sources.organization,
    network: sources.network,
    evaluation: { title: sources.evaluation.title, opensAt: sources.evaluation.opensAt.toISOString(), closesAt: sources.evaluation.closesAt.toISOString() },
    authors: sources.authors,
    generatedAt: sources.generatedAt.toISOString(),
    sections,
    annex: {
      framework: sources.framework,
      dimensions: sources.dimensions.map((d) => localize(d.title, locale)),
      groups,
      k: payload.k,
      opensAt: sources.evaluation.opensAt.toISOString(),
      closesAt: sources.evaluation.closesAt.toISOString(),
      channels: CHANNEL_ORDER.filter((c) => sources.channels.includes(c)).map((c) => words.channels[c]),
      notes,
    },
    indicatorAnnex: sources.dimensions.map((d) => tableOf(indicatorTable(payload, locale, d.key))).filter((t): t is ChartTable => t !== null),
  };
}

interface EvaluationRow {
  id: string;
  workspace_id: string;
  organization_id: string;
  title: string;
  opens_at: Date;
  closes_at: Date;
  dimension_keys: string[];
  custom_questions: CustomQuestion[];
  created_by: string | null;
  content: FrameworkContent;
  version_number: number;
  framework_name: string;
  organization_name: string;
  logo: Buffer | null;
  logo_type: string | null;
  workspace_name: string;
  groups: Array<{ groupKey: StakeholderGroupKey; expectedCount: number; anonymity: AnonymityMode }> | null;
}

export interface EvaluationForReport {
  row: EvaluationRow;
  payload: AnalysisPayload;
  dimensions: ReportDimension[];
}

/** Loads what a report model is made of. Never inside a transaction: it reads through the pool. */
@Injectable()
export class ReportModelBuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly analysis: AnalysisService,
    private readonly cls: ClsService<RequestScope>,
  ) {}

  /** The evaluation, its analysis and its dimensions, for a workspace (in a request or a job). */
  async evaluation(workspaceId: string, organizationId: string, evaluationId: string): Promise<EvaluationForReport> {
    const [row] = await this.dataSource.query<EvaluationRow[]>(
      `SELECT e.id, e.workspace_id, e.organization_id, e.title, e.opens_at, e.closes_at, e.dimension_keys, e.custom_questions, e.created_by,
              v.content, v.number AS version_number, f.name AS framework_name,
              o.name AS organization_name, o.logo, o.logo_type, w.name AS workspace_name,
              (SELECT json_agg(json_build_object('groupKey', g.group_key, 'expectedCount', g.expected_count, 'anonymity', g.anonymity))
                 FROM evaluation_group g WHERE g.evaluation_id = e.id AND g.workspace_id = e.workspace_id) AS groups
         FROM evaluation e
         JOIN framework_version v ON v.id = e.framework_version_id
         JOIN framework f ON f.id = v.framework_id
         JOIN organization o ON o.id = e.organization_id AND o.workspace_id = e.workspace_id
         JOIN workspace w ON w.id = e.workspace_id
        WHERE e.id = $1 AND e.organization_id = $2 AND e.workspace_id = $3`,
      [evaluationId, organizationId, workspaceId],
    );
    if (!row) throw AppException.notFound('evaluation');
    // The analysis reads the workspace from the request scope; a job runs in one of its own.
    const tenant = { workspaceId, workspaceRole: 'admin' as const, organizationRoles: {} };
    const payload = await this.cls.runWith({ tenant } as RequestScope, () => this.analysis.analysis(organizationId, evaluationId, null));
    const groupKeys = (row.groups ?? []).map((g) => g.groupKey);
    return { row, payload, dimensions: structuralDimensions(row.content, row.dimension_keys, row.custom_questions, groupKeys) };
  }

  /** Everything for the model of this report's current sections. */
  async sources(
    loaded: EvaluationForReport,
    reportId: string,
    options: { locale: Locale; version: { number: number; validatedAt: Date } | null },
  ): Promise<ReportSources> {
    const m = this.dataSource.manager;
    const { row, payload } = loaded;
    // Sections of dimensions the evaluation no longer has are kept, not printed.
    const sections = await m.query<StoredSection[]>(
      `SELECT key, kind, title, narrative, charts, stories, testimonies, actions FROM report_section WHERE report_id = $1 AND workspace_id = $2 AND key = ANY($3::varchar[])`,
      [reportId, row.workspace_id, plannedSections(loaded.dimensions).map((s) => s.key)],
    );
    const channels = await m.query<Array<{ channel: SubmissionChannel }>>(
      `SELECT DISTINCT channel FROM submission WHERE evaluation_id = $1 AND workspace_id = $2 AND status = 'submitted' AND excluded_at IS NULL`,
      [row.id, row.workspace_id],
    );
    const authors = await m.query<Array<{ name: string }>>(
      `SELECT u.display_name AS name FROM report_section_edit x JOIN user_account u ON u.id = x.user_id
        WHERE x.report_id = $1 AND x.workspace_id = $2 GROUP BY u.id, u.display_name ORDER BY min(x.at), u.display_name`,
      [reportId, row.workspace_id],
    );
    if (authors.length === 0 && row.created_by) {
      authors.push(...(await m.query<Array<{ name: string }>>(`SELECT display_name AS name FROM user_account WHERE id = $1`, [row.created_by])));
    }
    const content = row.content;
    return {
      locale: options.locale,
      version: options.version,
      generatedAt: new Date(),
      organization: { name: row.organization_name, logo: logoOf(row) },
      network: row.workspace_name,
      evaluation: { title: row.title, opensAt: new Date(row.opens_at), closesAt: new Date(row.closes_at), groups: row.groups ?? [] },
      framework: {
        name: content.title ? localize(content.title, options.locale) : row.framework_name,
        version: String(row.version_number),
        sources: (content.sources ?? []).map((s) => (s.url ? `${s.citation} — ${s.url}` : s.citation)),
      },
      dimensions: loaded.dimensions,
      channels: channels.map((c) => c.channel),
      payload,
      sections,
      stories: await this.stories(m, row, payload.k),
      authors: authors.map((a) => a.name),
    };
  }

  /**
   * The evaluation's selected stories that may be quoted: answers of counted submissions in
   * groups that are not under k, in their masked text (masked again with the names known now).
   */
  private async stories(m: EntityManager, row: EvaluationRow, k: number): Promise<Map<string, QuotableStory>> {
    const { visible } = await verbatimGroups(m, row.id, k);
    const rows = await m.query<Array<{ id: string; masked_text: string; reason: string; group_key: StakeholderGroupKey }>>(
      `SELECT ss.answer_id::text AS id, ss.masked_text, ss.reason, a.group_key
         FROM story_selection ss
         JOIN answer a ON a.id = ss.answer_id
         JOIN submission s ON s.id = a.submission_id
        WHERE ss.evaluation_id = $1 AND ss.workspace_id = $2
          AND s.status = 'submitted' AND s.excluded_at IS NULL AND a.group_key = ANY($3::varchar[])`,
      [row.id, row.workspace_id, visible],
    );
    if (rows.length === 0) return new Map();
    const names = prepareKnownNames(await evaluationKnownNames(m, { id: row.id, organizationId: row.organization_id, workspaceId: row.workspace_id }));
    return new Map(rows.map((r) => [r.id, { text: maskVerbatim(r.masked_text, names).text, groupKey: r.group_key, reason: r.reason }]));
  }
}

function logoOf(row: Pick<EvaluationRow, 'logo' | 'logo_type'>): ReportImage | null {
  if (!row.logo || !row.logo_type) return null;
  return { format: row.logo_type === 'image/png' ? 'png' : 'jpeg', data: new Uint8Array(row.logo) };
}
