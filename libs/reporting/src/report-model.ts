/**
 * What a report is, once everything in it has been chosen, worded and checked: the input of
 * `renderReport`. The API builds it from the evaluation, the analysis payload (already suppressed
 * for anonymity), the report's sections and the selected stories; the renderer only lays it out.
 *
 * Rules every builder keeps:
 * - nothing under the anonymity threshold reaches the model: charts and tables come from
 *   `libs/domain/src/charts` (withheld values are `null` and « < k » in tables), participation
 *   counts under k are `null`;
 * - every text is already in the report's locale, except the narrative, which is what people
 *   wrote (markdown), and the quotes, which are what respondents wrote (masked);
 * - images are bytes checked at upload (PNG or JPEG); the renderer never fetches anything.
 */
import type { ChartSpec, ChartTable, Locale } from '#domain';

export type ReportSectionKind = 'summary' | 'context' | 'dimension' | 'crossed' | 'action-plan' | 'conclusion';

export interface ReportImage {
  format: 'png' | 'jpeg';
  data: Uint8Array;
}

export interface ReportQuote {
  /** 'story': a selected story; 'verbatim': an open answer; 'testimony': written with the person */
  kind: 'story' | 'verbatim' | 'testimony';
  /** the words, masked where they came from an answer */
  text: string;
  /** who speaks, as may be said: a group (« Bénévole ») or, for a testimony given with consent, a name */
  attribution: string;
  /** why the story was chosen, when one was given */
  reason?: string;
}

export interface ReportAction {
  recommendation: string;
  /** who carries it */
  who: string;
  /** when, as the people wrote it (« d'ici juin 2027 ») */
  when: string;
}

export interface ReportSection {
  /** stable: 'summary', 'context', 'dimension:<dimensionKey>', 'crossed', 'action-plan', 'conclusion' */
  key: string;
  kind: ReportSectionKind;
  title: string;
  /** markdown (paragraphs, ### headings, emphasis, lists, quotes, links shown as text); may be empty */
  narrative: string;
  /** drawn in this order after the narrative */
  charts: ChartSpec[];
  /** indicator tables (n per group, withheld cells already marked) */
  tables: ChartTable[];
  quotes: ReportQuote[];
  /** the action plan's rows (kind 'action-plan' only) */
  actions: ReportAction[];
}

export interface ReportGroupRow {
  /** the group's name in the report's locale */
  label: string;
  /** null when not set */
  expected: number | null;
  /** submitted, non-excluded submissions; null when withheld (fewer than k) */
  submitted: number | null;
  /** 0–1; null when withheld or nothing was expected */
  responseRate: number | null;
  /** 'anonymous' | 'named', in words */
  anonymity: string;
}

export interface MethodAnnex {
  framework: { name: string; version: string; sources: string[] };
  dimensions: string[];
  groups: ReportGroupRow[];
  k: number;
  opensAt: string;
  closesAt: string;
  /** the channels used, in words (« liens personnels », « séance collective », « questionnaires papier »…) */
  channels: string[];
  /** anything else the method must say, in words */
  notes: string[];
}

export interface ReportModel {
  locale: Locale;
  /** a draft carries a « projet / draft » watermark on every page */
  draft: boolean;
  /** the report's title, on the cover and in the PDF metadata */
  title: string;
  /** e.g. « Version 2 — validée le 3 décembre 2026 » or « Projet du 27 novembre 2026 » */
  versionLabel: string;
  organization: { name: string; logo: ReportImage | null };
  /** the support network (workspace) */
  network: string;
  evaluation: { title: string; opensAt: string; closesAt: string };
  /** the people who wrote it, for the metadata and the cover */
  authors: string[];
  /** ISO date-time */
  generatedAt: string;
  sections: ReportSection[];
  annex: MethodAnnex;
  /** the indicator annex: one table per dimension */
  indicatorAnnex: ChartTable[];
}
