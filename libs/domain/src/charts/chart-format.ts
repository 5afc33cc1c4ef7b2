/**
 * Numbers as a reader of one locale writes them (fr-FR: « 12 345,6 », « 45 % » with a narrow
 * no-break space; en: « 12,345.6 », « 45% »), and the words of the charts in French and English.
 * Pure, so the dashboard and the PDF print the same strings.
 */
import type { Locale, LocalizedText } from '../locale.js';
import { STAKEHOLDER_GROUPS } from '../stakeholder-group.js';
import type { AnalysisColumn } from '../analysis/types.js';
import type { ChartUnit } from './chart-spec.js';

const MINUS = '\u2212';
const NBSP = '\u00a0';
const NNBSP = '\u202f';

function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'fr-FR';
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), options);
    formatters.set(key, f);
  }
  return f;
}

/** A real minus sign, and the same spaces whatever the ICU version gives. */
function typeset(text: string, locale: Locale): string {
  const signed = text.replace(/^-/, MINUS);
  return locale === 'fr' ? signed.replace(/[\u00a0\u202f ](?=\d)/g, NNBSP).replace(/[\u00a0 ]%/, `${NNBSP}%`) : signed;
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 1): string {
  return typeset(formatter(locale, { maximumFractionDigits }).format(value), locale);
}

/** A 0–100 score, as a whole number. */
export function formatScore(value: number, locale: Locale): string {
  return formatNumber(Math.round(value), locale, 0);
}

/** A difference of scores, signed: « +12 », « −8 », « 0 ». */
export function formatPoints(value: number, locale: Locale): string {
  // Half away from zero, so that −12.5 and +12.5 read as the same distance.
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return typeset(formatter(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(rounded === 0 ? 0 : rounded), locale);
}

/** A number of score points in words: « 1 point », « 12 points », « −8 points » (signed when asked). */
export function formatPointsText(value: number, locale: Locale, signed: boolean): string {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  const number = signed ? formatPoints(rounded, locale) : formatScore(rounded, locale);
  // French: singular below 2; English: singular for exactly 1.
  const singular = locale === 'fr' ? Math.abs(rounded) < 2 : Math.abs(rounded) === 1;
  return `${number}${NBSP}${singular ? 'point' : 'points'}`;
}

/** A share given as 0–100. */
export function formatPercent(value: number, locale: Locale): string {
  return typeset(formatter(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100), locale);
}

export function formatChartValue(value: number, unit: ChartUnit, locale: Locale): string {
  switch (unit) {
    case 'score':
      return formatScore(value, locale);
    case 'points':
      return formatPoints(value, locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'count':
      return formatNumber(Math.round(value), locale, 0);
    case 'number':
      return formatNumber(value, locale, 1);
  }
}

const ALL_LABEL: Required<LocalizedText> = { fr: 'Ensemble des groupes', en: 'All groups' };

/** A column's name: a stakeholder group, or all groups together. */
export function columnLabel(column: AnalysisColumn, locale: Locale): string {
  if (column === 'all') return ALL_LABEL[locale];
  return STAKEHOLDER_GROUPS.find((group) => group.key === column)?.label[locale] ?? column;
}

/** Shorter names where space is tight (chart legends and axes). */
const SHORT_LABELS: Partial<Record<AnalysisColumn, Required<LocalizedText>>> = {
  self_assessment: { fr: 'Auto-évaluation', en: 'Self-assessment' },
  beneficiaries: { fr: 'Bénéficiaires', en: 'Beneficiaries' },
  local_officials: { fr: 'Élu·es et technicien·nes', en: 'Local officials' },
  all: { fr: 'Ensemble', en: 'All groups' },
};

export function shortColumnLabel(column: AnalysisColumn, locale: Locale): string {
  return SHORT_LABELS[column]?.[locale] ?? columnLabel(column, locale);
}

/** The words of the charts. Functions take what varies; k is the evaluation's threshold. */
const fr = {
    dimension: 'Dimension',
    indicator: 'Indicateur',
    group: 'Groupe',
    answer: 'Réponse',
    scoreAxis: 'Score (0 à 100)',
    gapAxis: 'Écart avec l’auto-évaluation (points)',
    changeAxis: 'Évolution (points)',
    shareAxis: 'Part des répondant·es',
    countAxis: 'Nombre de réponses',
    dontKnow: 'Je ne sais pas',
    yes: 'Oui',
    no: 'Non',
    underK: (k: number) => `<${NBSP}${k}`,
    complementary: 'masqué',
    noFigure: '—',
    radarTitle: 'Profil par dimension',
    radarSummary: (groups: string) => `Score de 0 à 100 de chaque dimension, vu par chaque groupe (${groups}).`,
    radarCaption: 'Scores par dimension et par groupe (0 à 100)',
    gapsTitle: 'Écarts avec l’auto-évaluation, par dimension',
    gapsSummary: 'Pour chaque dimension, le score de chaque groupe moins celui de l’auto-évaluation de la structure, en points.',
    gapsCaption: 'Écart de chaque groupe avec l’auto-évaluation, en points (score du groupe moins score de l’auto-évaluation)',
    indicatorGapsTitle: (dimension: string) => `Écarts avec l’auto-évaluation — ${dimension}`,
    indicatorGapsSummary: (dimension: string) =>
      `Pour chaque indicateur de la dimension «\u202f${dimension}\u202f», le score de chaque groupe moins celui de l’auto-évaluation, en points.`,
    distributionSummary: (title: string) => `Répartition des réponses à «\u202f${title}\u202f», en part des répondant·es de chaque groupe.`,
    distributionCaption: (title: string) => `Réponses à «\u202f${title}\u202f» par groupe (part des répondant·es, nombre entre parenthèses)`,
    multipleChoiceSummary: (title: string) =>
      `Part des répondant·es de chaque groupe ayant coché chaque réponse à «\u202f${title}\u202f» (plusieurs réponses possibles).`,
    multipleChoiceNote: 'Plusieurs réponses possibles\u202f: les parts ne s’additionnent pas.',
    quantitySummary: (title: string) => `Moyenne et médiane des réponses à «\u202f${title}\u202f», par groupe.`,
    quantityCaption: (title: string) => `Réponses à «\u202f${title}\u202f» par groupe`,
    mean: 'Moyenne',
    median: 'Médiane',
    respondents: 'Répondant·es',
    participationTitle: 'Participation par groupe',
    participationSummary: 'Réponses reçues et réponses attendues de chaque groupe.',
    participationCaption: 'Participation par groupe',
    submitted: 'Réponses reçues',
    expected: 'Réponses attendues',
    responseRate: 'Taux de réponse',
    resultsShown: 'Résultats',
    shown: 'affichés',
    hiddenUnderK: (k: number) => `masqués (moins de ${k} réponses)`,
    changeTitle: (title: string) => `Évolution depuis «\u202f${title}\u202f»`,
    changeSummary: 'Pour chaque dimension, le score d’aujourd’hui moins celui de l’évaluation précédente, en points.',
    changeCaption: 'Score de l’évaluation précédente, score actuel et évolution, par dimension',
    change: (before: string, after: string, delta: string) => `${before} → ${after} (${delta})`,
    withheldGroups: (k: number, groups: string) => `Moins de ${k} réponses, résultats non affichés\u202f: ${groups}.`,
    noAnswerGroups: (groups: string) => `Pas encore de réponse\u202f: ${groups}.`,
    underKNote: (k: number) => `«\u202f<${NBSP}${k}\u202f»\u202f: moins de ${k} réponses, chiffre non affiché pour préserver l’anonymat.`,
    complementaryNote: (k: number) =>
      `«\u202fmasqué\u202f»\u202f: chiffre retenu pour qu’on ne puisse pas retrouver, par différence, celui d’un groupe de moins de ${k} réponses.`,
    noFigureNote: '«\u202f—\u202f»\u202f: pas de score (question non notée ou seulement des «\u202fje ne sais pas\u202f»).',
    onlyBefore: (items: string) => `Indicateurs de l’évaluation précédente absents de celle-ci\u202f: ${items}.`,
    onlyAfter: (items: string) => `Nouveaux indicateurs, sans point de comparaison\u202f: ${items}.`,
    rescored: (items: string) => `Indicateurs dont la notation a changé, non comparés\u202f: ${items}.`,
    question: (title: string, index: number, count: number) => (count > 1 ? `${title} (${index}/${count})` : title),
    convergence: (group: string, subject: string, gap: string) => `${group} et la structure voient «\u202f${subject}\u202f» de la même façon (écart de ${gap}).`,
    divergenceAbove: (group: string, subject: string, gap: string) => `${group} jugent «\u202f${subject}\u202f» plus favorablement que la structure (${gap}).`,
    divergenceBelow: (group: string, subject: string, gap: string) => `${group} jugent «\u202f${subject}\u202f» moins favorablement que la structure (${gap}).`,
    indicatorTableCaption: (dimension: string) => `Indicateurs de la dimension «\u202f${dimension}\u202f»\u202f: score (0 à 100) et nombre de répondant·es par groupe`,
    scoreAndN: (score: string, n: string) => `${score} (n${NNBSP}=${NNBSP}${n})`,
    notScored: 'non noté',
  };

export type ChartText = typeof fr;

const en: ChartText = {
    dimension: 'Dimension',
    indicator: 'Indicator',
    group: 'Group',
    answer: 'Answer',
    scoreAxis: 'Score (0 to 100)',
    gapAxis: 'Gap with the self-assessment (points)',
    changeAxis: 'Change (points)',
    shareAxis: 'Share of respondents',
    countAxis: 'Number of answers',
    dontKnow: 'Don’t know',
    yes: 'Yes',
    no: 'No',
    underK: (k: number) => `<${NBSP}${k}`,
    complementary: 'hidden',
    noFigure: '—',
    radarTitle: 'Profile by dimension',
    radarSummary: (groups: string) => `Score from 0 to 100 of each dimension, as each group sees it (${groups}).`,
    radarCaption: 'Scores by dimension and group (0 to 100)',
    gapsTitle: 'Gaps with the self-assessment, by dimension',
    gapsSummary: 'For each dimension, each group’s score minus the organization’s self-assessment, in points.',
    gapsCaption: 'Gap of each group with the self-assessment, in points (group score minus self-assessment score)',
    indicatorGapsTitle: (dimension: string) => `Gaps with the self-assessment — ${dimension}`,
    indicatorGapsSummary: (dimension: string) =>
      `For each indicator of the dimension “${dimension}”, each group’s score minus the self-assessment’s, in points.`,
    distributionSummary: (title: string) => `Answers to “${title}”, as a share of each group’s respondents.`,
    distributionCaption: (title: string) => `Answers to “${title}” by group (share of respondents, number in brackets)`,
    multipleChoiceSummary: (title: string) => `Share of each group’s respondents who ticked each answer to “${title}” (several answers allowed).`,
    multipleChoiceNote: 'Several answers allowed: the shares do not add up.',
    quantitySummary: (title: string) => `Mean and median of the answers to “${title}”, by group.`,
    quantityCaption: (title: string) => `Answers to “${title}” by group`,
    mean: 'Mean',
    median: 'Median',
    respondents: 'Respondents',
    participationTitle: 'Participation by group',
    participationSummary: 'Answers received and answers expected from each group.',
    participationCaption: 'Participation by group',
    submitted: 'Answers received',
    expected: 'Answers expected',
    responseRate: 'Response rate',
    resultsShown: 'Results',
    shown: 'shown',
    hiddenUnderK: (k: number) => `hidden (fewer than ${k} answers)`,
    changeTitle: (title: string) => `Change since “${title}”`,
    changeSummary: 'For each dimension, today’s score minus the previous evaluation’s, in points.',
    changeCaption: 'Previous score, current score and change, by dimension',
    change: (before: string, after: string, delta: string) => `${before} → ${after} (${delta})`,
    withheldGroups: (k: number, groups: string) => `Fewer than ${k} answers, results not shown: ${groups}.`,
    noAnswerGroups: (groups: string) => `No answer yet: ${groups}.`,
    underKNote: (k: number) => `“<${NBSP}${k}”: fewer than ${k} answers, figure not shown to protect anonymity.`,
    complementaryNote: (k: number) =>
      `“hidden”: figure withheld so that the figure of a group with fewer than ${k} answers cannot be worked out by subtraction.`,
    noFigureNote: '“—”: no score (question not scored, or only “don’t know” answers).',
    onlyBefore: (items: string) => `Indicators of the previous evaluation missing from this one: ${items}.`,
    onlyAfter: (items: string) => `New indicators, with nothing to compare with: ${items}.`,
    rescored: (items: string) => `Indicators whose scoring changed, not compared: ${items}.`,
    question: (title: string, index: number, count: number) => (count > 1 ? `${title} (${index}/${count})` : title),
    convergence: (group: string, subject: string, gap: string) => `${group} and the organization see “${subject}” alike (gap of ${gap}).`,
    divergenceAbove: (group: string, subject: string, gap: string) => `${group} rate “${subject}” higher than the organization does (${gap}).`,
    divergenceBelow: (group: string, subject: string, gap: string) => `${group} rate “${subject}” lower than the organization does (${gap}).`,
    indicatorTableCaption: (dimension: string) => `Indicators of the dimension “${dimension}”: score (0 to 100) and number of respondents by group`,
    scoreAndN: (score: string, n: string) => `${score} (n${NBSP}=${NBSP}${n})`,
    notScored: 'not scored',
  };

export const CHART_TEXT: Readonly<Record<Locale, ChartText>> = { fr, en };

export function chartText(locale: Locale): ChartText {
  return CHART_TEXT[locale];
}

/** A list in words: « a, b et c » / “a, b and c”. */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(intlLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}
