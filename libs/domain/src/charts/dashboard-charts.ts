/**
 * The charts of an evaluation's analysis, defined once: the dashboard renders them with chart.js,
 * the report draws them with pdfkit. Each builder takes the analysis payload as the API sends it
 * (figures under k already withheld), a locale and the reader's filters, and returns a
 * `ChartSpec` (see chart-spec.ts) or null when there is nothing of that kind to show.
 */
import type {
  AnalysisColumn,
  AnalysisPayload,
  Cell,
  DimensionAnalysis,
  Gap,
  IndicatorAnalysis,
  ScoreCell,
} from '../analysis/types.js';
import { DONT_KNOW_VALUE } from '../framework.js';
import { localize, type Locale } from '../locale.js';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from '../stakeholder-group.js';
import { optionsFor, type AnswerOptionsByIndicator, type IndicatorAnswerOptions } from './answer-options.js';
import { chartText, columnLabel, formatList, formatNumber, formatPercent, formatPoints, formatPointsText, formatScore, shortColumnLabel, type ChartText } from './chart-format.js';
import type { ChartFilters, ChartSeries, ChartSpec, ChartTable } from './chart-spec.js';
import {
  DONT_KNOW_COLOR,
  GROUP_COLORS,
  GROUP_MARKERS,
  PARTICIPATION_COLORS,
  categoryColor,
  orderedColor,
} from './palette.js';

/** What the builders may know beyond the payload. */
export interface ChartContext {
  /** the words and order of each indicator's answers; the payload's by default, guessed from the counts when neither has them */
  answerOptions?: AnswerOptionsByIndicator;
  /** distributions: a first row for all groups together, when the question is asked of several (default true) */
  includeAll?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Columns, rows and marks

const SELF: StakeholderGroupKey = 'self_assessment';

/** The evaluation's groups in display order (self-assessment first). */
export function evaluationGroups(payload: Pick<AnalysisPayload, 'participation'>): StakeholderGroupKey[] {
  const present = new Set(payload.participation.map((p) => p.groupKey));
  return STAKEHOLDER_GROUP_KEYS.filter((key) => present.has(key));
}

/** The groups the reader chose (all of the evaluation's when none is chosen). */
export function chosenGroups(payload: Pick<AnalysisPayload, 'participation'>, filters: ChartFilters): StakeholderGroupKey[] {
  const groups = evaluationGroups(payload);
  if (!filters.groups || filters.groups.length === 0) return groups;
  return groups.filter((key) => filters.groups!.includes(key));
}

/** The dimensions the reader chose, in the evaluation's order. */
export function chosenDimensions(payload: Pick<AnalysisPayload, 'dimensions'>, filters: ChartFilters): DimensionAnalysis[] {
  if (!filters.dimensions || filters.dimensions.length === 0) return payload.dimensions;
  return payload.dimensions.filter((d) => filters.dimensions!.includes(d.key));
}

/** Which marks a table used, so that its notes explain exactly those. */
class Marks {
  underK = false;
  complementary = false;
  noFigure = false;

  constructor(
    private readonly t: ChartText,
    private readonly k: number,
  ) {}

  /** The text of a withheld cell, or null when the cell is visible. */
  withheld(cell: Cell | ScoreCell | undefined): string | null {
    if (!cell || !cell.suppressed) return null;
    if (cell.reason === 'complementary') {
      this.complementary = true;
      return this.t.complementary;
    }
    this.underK = true;
    return this.t.underK(this.k);
  }

  none(): string {
    this.noFigure = true;
    return this.t.noFigure;
  }

  notes(): string[] {
    const notes: string[] = [];
    if (this.underK) notes.push(this.t.underKNote(this.k));
    if (this.complementary) notes.push(this.t.complementaryNote(this.k));
    if (this.noFigure) notes.push(this.t.noFigureNote);
    return notes;
  }
}

/** The groups among `columns` whose figures are all withheld, in words. */
export function suppressedGroupsNote(payload: Pick<AnalysisPayload, 'participation' | 'k'>, columns: readonly AnalysisColumn[], locale: Locale): string | undefined {
  const t = chartText(locale);
  const withheld = payload.participation.filter((p) => p.suppressed && columns.includes(p.groupKey));
  const none = withheld.filter((p) => p.submitted === 0).map((p) => columnLabel(p.groupKey, locale));
  const few = withheld.filter((p) => p.submitted > 0).map((p) => columnLabel(p.groupKey, locale));
  const parts: string[] = [];
  if (few.length > 0) parts.push(t.withheldGroups(payload.k, formatList(few, locale)));
  if (none.length > 0) parts.push(t.noAnswerGroups(formatList(none, locale)));
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function visibleScore(cell: ScoreCell | Cell | undefined): number | null {
  return cell && !cell.suppressed ? cell.score : null;
}

/** A group's series; markers only where points are drawn (radar). */
function groupSeries(column: AnalysisColumn, locale: Locale, values: Array<number | null>, withMarker = false): ChartSeries {
  return {
    key: column,
    label: shortColumnLabel(column, locale),
    values,
    color: GROUP_COLORS[column],
    ...(withMarker ? { marker: GROUP_MARKERS[column] } : {}),
    ...(column === SELF ? { highlight: true } : {}),
  };
}

type VisibleCell = Extract<Cell, { suppressed: false }>;
const isVisible = (cell: Cell | undefined): cell is VisibleCell => cell !== undefined && !cell.suppressed;

const withData = (series: ChartSeries[]) => series.filter((s) => s.values.some((v) => v !== null));

/** An axis from 0 (or a symmetric one) that ends on a round number. */
function roundUp(value: number, step: number): number {
  return Math.max(step, Math.ceil(value / step) * step);
}

function niceStep(max: number): number {
  if (max <= 10) return 2;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const scaled = max / magnitude;
  return (scaled <= 2 ? 0.5 : scaled <= 5 ? 1 : 2) * magnitude;
}

function symmetricAxis(values: Array<number | null>, title: string) {
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  const max = roundUp(largest, 10);
  return { min: -max, max, step: max <= 20 ? 5 : 10, title };
}

function spec(fields: Omit<ChartSpec, 'notes' | 'stacked'> & { notes?: string[]; stacked?: boolean; suppressedNote?: string | undefined }): ChartSpec {
  const { suppressedNote, notes, stacked, ...rest } = fields;
  return { ...rest, stacked: stacked ?? false, notes: notes ?? [], ...(suppressedNote ? { suppressedNote } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Participation

/** Answers received against answers expected, for every group (participation is never withheld). */
export function participationChart(payload: AnalysisPayload, locale: Locale, filters: ChartFilters = {}): ChartSpec {
  const t = chartText(locale);
  const groups = chosenGroups(payload, filters);
  const rows = groups.map((key) => payload.participation.find((p) => p.groupKey === key)!);
  const submitted = rows.map((p) => p.submitted);
  const expected = rows.map((p) => p.expected);
  const max = Math.max(1, ...submitted, ...expected);
  const rate = (received: number, wanted: number) => (wanted > 0 ? formatPercent((received / wanted) * 100, locale) : t.noFigure);
  const tableRows = rows.map((p) => [
    columnLabel(p.groupKey, locale),
    formatNumber(p.submitted, locale, 0),
    formatNumber(p.expected, locale, 0),
    rate(p.submitted, p.expected),
    p.suppressed ? t.hiddenUnderK(payload.k) : t.shown,
  ]);
  const totalSubmitted = submitted.reduce((a, b) => a + b, 0);
  const totalExpected = expected.reduce((a, b) => a + b, 0);
  if (rows.length > 1) {
    tableRows.push([columnLabel('all', locale), formatNumber(totalSubmitted, locale, 0), formatNumber(totalExpected, locale, 0), rate(totalSubmitted, totalExpected), '']);
  }
  return spec({
    id: 'participation',
    kind: 'bar',
    orientation: 'horizontal',
    locale,
    title: t.participationTitle,
    summary: t.participationSummary,
    labels: groups.map((key) => shortColumnLabel(key, locale)),
    labelKeys: groups,
    series: [
      { key: 'submitted', label: t.submitted, values: submitted, color: PARTICIPATION_COLORS.submitted },
      { key: 'expected', label: t.expected, values: expected, color: PARTICIPATION_COLORS.expected },
    ],
    unit: 'count',
    axis: { min: 0, max: roundUp(max, niceStep(max)), step: niceStep(max), title: t.countAxis },
    table: {
      caption: t.participationCaption,
      columns: [t.group, t.submitted, t.expected, t.responseRate, t.resultsShown],
      rows: tableRows,
      notes: [],
    },
    suppressedNote: suppressedGroupsNote(payload, groups, locale),
  });
}

// ---------------------------------------------------------------------------------------------
// Dimension profile

/**
 * The radar of dimension scores, one series per chosen group with a visible score, the
 * self-assessment highlighted. Under three dimensions a radar says nothing: bars instead.
 */
export function dimensionRadarChart(payload: AnalysisPayload, locale: Locale, filters: ChartFilters = {}): ChartSpec {
  const t = chartText(locale);
  const marks = new Marks(t, payload.k);
  const dimensions = chosenDimensions(payload, filters);
  const groups = chosenGroups(payload, filters);
  const series = withData(groups.map((g) => groupSeries(g, locale, dimensions.map((d) => visibleScore(d.cells[g])), dimensions.length >= 3)));
  const rows = dimensions.map((d) => [
    localize(d.title, locale),
    ...groups.map((g) => {
      const cell = d.cells[g];
      if (!cell) return '';
      return marks.withheld(cell) ?? (cell.suppressed || cell.score === null ? marks.none() : formatScore(cell.score, locale));
    }),
  ]);
  return spec({
    id: 'radar-dimensions',
    kind: dimensions.length >= 3 ? 'radar' : 'bar',
    ...(dimensions.length >= 3 ? {} : { orientation: 'horizontal' as const }),
    locale,
    title: t.radarTitle,
    summary: t.radarSummary(formatList(series.map((s) => s.label), locale)),
    labels: dimensions.map((d) => localize(d.title, locale)),
    labelKeys: dimensions.map((d) => d.key),
    series,
    unit: 'score',
    axis: { min: 0, max: 100, step: 20, title: t.scoreAxis },
    table: { caption: t.radarCaption, columns: [t.dimension, ...groups.map((g) => columnLabel(g, locale))], rows, notes: marks.notes() },
    suppressedNote: suppressedGroupsNote(payload, groups, locale),
  });
}

// ---------------------------------------------------------------------------------------------
// Crossed perspectives

function gapIndex(gaps: readonly Gap[], level: Gap['level']): Map<string, number> {
  const index = new Map<string, number>();
  for (const gap of gaps) if (gap.level === level) index.set(`${gap.groupKey}:${gap.key}`, gap.gap);
  return index;
}

interface GapRow {
  key: string;
  title: string;
  cells: Partial<Record<AnalysisColumn, Cell | ScoreCell>>;
}

function gapChart(payload: AnalysisPayload, locale: Locale, filters: ChartFilters, level: Gap['level'], allRows: GapRow[], fields: { id: string; title: string; summary: string }): ChartSpec | null {
  if (!payload.crossed.available) return null;
  const t = chartText(locale);
  const marks = new Marks(t, payload.k);
  const index = gapIndex(payload.crossed.gaps, level);
  const groups = chosenGroups(payload, filters).filter((g) => g !== SELF);
  // What only the organization was asked has nobody to be compared with.
  const rows = allRows.filter((row) => groups.some((g) => row.cells[g] !== undefined));
  if (groups.length === 0 || rows.length === 0) return null;
  const series = withData(groups.map((g) => groupSeries(g, locale, rows.map((row) => index.get(`${g}:${row.key}`) ?? null))));
  const tableRows = rows.map((row) => [
    row.title,
    ...groups.map((g) => {
      const gap = index.get(`${g}:${row.key}`);
      if (gap !== undefined) return formatPoints(gap, locale);
      if (!row.cells[g]) return '';
      return marks.withheld(row.cells[g]) ?? marks.withheld(row.cells[SELF]) ?? marks.none();
    }),
  ]);
  return spec({
    id: fields.id,
    kind: 'diverging-bar',
    orientation: 'horizontal',
    locale,
    title: fields.title,
    summary: fields.summary,
    labels: rows.map((row) => row.title),
    labelKeys: rows.map((row) => row.key),
    series,
    unit: 'points',
    axis: symmetricAxis(series.flatMap((s) => s.values), t.gapAxis),
    table: {
      caption: t.gapsCaption,
      columns: [level === 'dimension' ? t.dimension : t.indicator, ...groups.map((g) => columnLabel(g, locale))],
      rows: tableRows,
      notes: marks.notes(),
    },
    suppressedNote: suppressedGroupsNote(payload, [SELF, ...groups], locale),
  });
}

/** Each group's dimension scores minus the self-assessment's: a bar left (below) or right (above). */
export function dimensionGapsChart(payload: AnalysisPayload, locale: Locale, filters: ChartFilters = {}): ChartSpec | null {
  const t = chartText(locale);
  const rows = chosenDimensions(payload, filters).map((d) => ({ key: d.key, title: localize(d.title, locale), cells: d.cells }));
  return gapChart(payload, locale, filters, 'dimension', rows, { id: 'gaps-dimensions', title: t.gapsTitle, summary: t.gapsSummary });
}

/** The same, per scored indicator of one dimension. */
export function indicatorGapsChart(payload: AnalysisPayload, locale: Locale, dimensionKey: string, filters: ChartFilters = {}): ChartSpec | null {
  const t = chartText(locale);
  const dimension = payload.dimensions.find((d) => d.key === dimensionKey);
  if (!dimension) return null;
  const title = localize(dimension.title, locale);
  const rows = payload.indicators
    .filter((i) => i.dimensionKey === dimensionKey && i.scored && i.cells[SELF] !== undefined)
    .map((i) => ({ key: i.key, title: localize(i.title, locale), cells: i.cells }));
  return gapChart(payload, locale, filters, 'indicator', rows, {
    id: `gaps-indicators-${dimensionKey}`,
    title: t.indicatorGapsTitle(title),
    summary: t.indicatorGapsSummary(title),
  });
}

/** The largest convergences and divergences, in words, for the chosen groups. */
export function crossedPerspectiveSentences(payload: AnalysisPayload, locale: Locale, filters: ChartFilters = {}): { convergences: string[]; divergences: string[] } {
  const t = chartText(locale);
  if (!payload.crossed.available) return { convergences: [], divergences: [] };
  const groups = chosenGroups(payload, filters);
  const dimensions = new Set(chosenDimensions(payload, filters).map((d) => d.key));
  const subject = (gap: Gap) =>
    localize((gap.level === 'dimension' ? payload.dimensions.find((d) => d.key === gap.key) : payload.indicators.find((i) => i.key === gap.key))?.title ?? { fr: gap.key }, locale);
  const inScope = (gap: Gap) => {
    if (!groups.includes(gap.groupKey)) return false;
    const dimensionKey = gap.level === 'dimension' ? gap.key : payload.indicators.find((i) => i.key === gap.key)?.dimensionKey;
    return dimensionKey !== undefined && dimensions.has(dimensionKey);
  };
  return {
    convergences: payload.crossed.convergences
      .filter(inScope)
      .map((gap) => t.convergence(columnLabel(gap.groupKey, locale), subject(gap), formatPointsText(Math.abs(gap.gap), locale, false))),
    divergences: payload.crossed.divergences
      .filter(inScope)
      .map((gap) => (gap.gap >= 0 ? t.divergenceAbove : t.divergenceBelow)(columnLabel(gap.groupKey, locale), subject(gap), formatPointsText(gap.gap, locale, true))),
  };
}

// ---------------------------------------------------------------------------------------------
// Distributions per question

type QuestionAnalysis = IndicatorAnalysis['questions'][number];

function rowColumns(question: QuestionAnalysis, payload: AnalysisPayload, filters: ChartFilters, includeAll: boolean): AnalysisColumn[] {
  const groups = chosenGroups(payload, filters).filter((g) => question.cells[g] !== undefined);
  const all = includeAll && question.cells.all !== undefined && Object.keys(question.cells).filter((c) => c !== 'all').length > 1;
  return all ? ['all', ...groups] : groups;
}

function optionColor(option: IndicatorAnswerOptions['options'][number], index: number, ordered: boolean): string {
  if (option.value === DONT_KNOW_VALUE) return DONT_KNOW_COLOR;
  if (ordered && option.position !== undefined) return orderedColor(option.position);
  return categoryColor(index);
}

/** The options to show: the known ones in order, then any value counted that they do not name. */
function shownOptions(options: IndicatorAnswerOptions, cells: Array<Cell | undefined>): IndicatorAnswerOptions['options'] {
  const known = options.options;
  const extra: IndicatorAnswerOptions['options'] = [];
  for (const cell of cells) {
    if (!cell || cell.suppressed) continue;
    for (const { value } of cell.distribution) {
      if (!known.some((o) => o.value === value) && !extra.some((o) => o.value === value)) extra.push({ value, label: { fr: value } });
    }
  }
  return [...known.filter((o) => o.value !== DONT_KNOW_VALUE), ...extra, ...known.filter((o) => o.value === DONT_KNOW_VALUE)];
}

function countOf(cell: Cell, value: string): number {
  return cell.suppressed ? 0 : (cell.distribution.find((d) => d.value === value)?.count ?? 0);
}

/**
 * One chart per question: the shares of each answer per group (a stacked bar per group for
 * scales, yes/no and single choices; grouped bars for multiple choices; mean and median for
 * quantities). Open text questions have no chart: they are verbatims.
 */
export function questionDistributionChart(
  payload: AnalysisPayload,
  locale: Locale,
  indicator: IndicatorAnalysis,
  questionIndex: number,
  filters: ChartFilters = {},
  context: ChartContext = {},
): ChartSpec | null {
  const question = indicator.questions[questionIndex];
  if (!question || indicator.kind === 'text') return null;
  const t = chartText(locale);
  const marks = new Marks(t, payload.k);
  const columns = rowColumns(question, payload, filters, context.includeAll ?? true);
  if (columns.length === 0) return null;
  const title = t.question(localize(indicator.title, locale), questionIndex + 1, indicator.questions.length);
  const visible = columns.filter((c) => question.cells[c] && !question.cells[c]!.suppressed);
  const cellOf = (c: AnalysisColumn) => question.cells[c]!;
  const base = {
    id: `distribution-${question.key}`,
    locale,
    orientation: 'horizontal' as const,
    suppressedNote: suppressedGroupsNote(payload, columns, locale),
  };

  if (indicator.kind === 'quantity') {
    const stat = (c: AnalysisColumn, which: 'mean' | 'median') => {
      const cell = cellOf(c);
      return cell.suppressed ? null : cell[which];
    };
    const series: ChartSeries[] = withData([
      { key: 'mean', label: t.mean, values: visible.map((c) => stat(c, 'mean')), color: categoryColor(0) },
      { key: 'median', label: t.median, values: visible.map((c) => stat(c, 'median')), color: categoryColor(1) },
    ]);
    const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
    const rows = columns.map((c) => {
      const cell = cellOf(c);
      if (!isVisible(cell)) {
        const mark = marks.withheld(cell) ?? '';
        return [columnLabel(c, locale), mark, mark, mark];
      }
      const number = (v: number | null) => (v === null ? marks.none() : formatNumber(v, locale, 1));
      return [columnLabel(c, locale), formatNumber(cell.n, locale, 0), number(cell.mean), number(cell.median)];
    });
    return spec({
      ...base,
      kind: 'bar',
      title,
      summary: t.quantitySummary(title),
      labels: visible.map((c) => shortColumnLabel(c, locale)),
      labelKeys: visible,
      series,
      unit: 'number',
      axis: { min: 0, max: roundUp(max, niceStep(max)), step: niceStep(max) },
      table: { caption: t.quantityCaption(title), columns: [t.group, t.respondents, t.mean, t.median], rows, notes: marks.notes() },
    });
  }

  const options = optionsFor(indicator, context.answerOptions ?? payload.answerOptions);
  const shown = shownOptions(options, columns.map((c) => question.cells[c]));
  const share = (c: AnalysisColumn, value: string) => {
    const cell = cellOf(c);
    return cell.suppressed || cell.n === 0 ? null : (countOf(cell, value) / cell.n) * 100;
  };

  if (indicator.kind === 'multiple_choice') {
    const series = withData(visible.map((c) => groupSeries(c, locale, shown.map((o) => share(c, o.value)))));
    const rows = shown.map((o) => [
      localize(o.label, locale),
      ...columns.map((c) => {
        const cell = cellOf(c);
        const mark = marks.withheld(cell);
        if (mark) return mark;
        const value = share(c, o.value);
        return value === null ? marks.none() : `${formatPercent(value, locale)} (${formatNumber(countOf(cell, o.value), locale, 0)})`;
      }),
    ]);
    rows.push([t.respondents, ...columns.map((c) => {
      const cell = cellOf(c);
      return isVisible(cell) ? formatNumber(cell.n, locale, 0) : (marks.withheld(cell) ?? '');
    })]);
    return spec({
      ...base,
      kind: 'bar',
      title,
      summary: t.multipleChoiceSummary(title),
      labels: shown.map((o) => localize(o.label, locale)),
      labelKeys: shown.map((o) => o.value),
      series,
      unit: 'percent',
      axis: { min: 0, max: 100, step: 20, title: t.shareAxis },
      table: { caption: t.distributionCaption(title), columns: [t.answer, ...columns.map((c) => columnLabel(c, locale))], rows, notes: marks.notes() },
      notes: [t.multipleChoiceNote],
    });
  }

  const series: ChartSeries[] = shown.map((o, i) => ({
    key: o.value,
    label: localize(o.label, locale),
    values: visible.map((c) => share(c, o.value)),
    color: optionColor(o, i, options.ordered),
  }));
  const rows = columns.map((c) => {
    const cell = cellOf(c);
    if (!isVisible(cell)) {
      const mark = marks.withheld(cell) ?? '';
      return [columnLabel(c, locale), mark, ...shown.map(() => mark)];
    }
    return [
      columnLabel(c, locale),
      formatNumber(cell.n, locale, 0),
      ...shown.map((o) => {
        const value = share(c, o.value);
        return value === null ? marks.none() : `${formatPercent(value, locale)} (${formatNumber(countOf(cell, o.value), locale, 0)})`;
      }),
    ];
  });
  return spec({
    ...base,
    kind: 'stacked-bar',
    stacked: true,
    title,
    summary: t.distributionSummary(title),
    labels: visible.map((c) => shortColumnLabel(c, locale)),
    labelKeys: visible,
    // An answer nobody gave stays in the table, not in the legend.
    series: series.filter((s) => s.values.some((v) => v !== null && v > 0)),
    unit: 'percent',
    axis: { min: 0, max: 100, step: 20, title: t.shareAxis },
    table: {
      caption: t.distributionCaption(title),
      columns: [t.group, t.respondents, ...shown.map((o) => localize(o.label, locale))],
      rows,
      notes: marks.notes(),
    },
  });
}

/** Every question's distribution in the chosen dimensions (or in one dimension). */
export function questionDistributionCharts(
  payload: AnalysisPayload,
  locale: Locale,
  filters: ChartFilters = {},
  context: ChartContext = {},
  dimensionKey?: string,
): ChartSpec[] {
  const dimensions = new Set(dimensionKey ? [dimensionKey] : chosenDimensions(payload, filters).map((d) => d.key));
  return payload.indicators
    .filter((indicator) => dimensions.has(indicator.dimensionKey))
    .flatMap((indicator) => indicator.questions.map((_, index) => questionDistributionChart(payload, locale, indicator, index, filters, context)))
    .filter((s): s is ChartSpec => s !== null);
}

// ---------------------------------------------------------------------------------------------
// Change since the previous evaluation

/** Deltas per dimension since the previous evaluation, and what could not be compared, said plainly. */
export function changeChart(payload: AnalysisPayload, locale: Locale, filters: ChartFilters = {}): ChartSpec | null {
  const comparison = payload.comparison;
  if (!comparison) return null;
  const t = chartText(locale);
  const marks = new Marks(t, payload.k);
  const columns = (['all', ...chosenGroups(payload, filters)] as AnalysisColumn[]).filter((c) => comparison.dimensions.some((d) => d.column === c));
  const dimensions = chosenDimensions(payload, filters);
  const delta = (column: AnalysisColumn, key: string) => comparison.dimensions.find((d) => d.column === column && d.key === key);
  const series = withData(columns.map((c) => groupSeries(c, locale, dimensions.map((d) => delta(c, d.key)?.delta ?? null))));
  const rows = dimensions.map((d) => [
    localize(d.title, locale),
    ...columns.map((c) => {
      const found = delta(c, d.key);
      return found ? t.change(formatScore(found.before, locale), formatScore(found.after, locale), formatPoints(found.delta, locale)) : marks.none();
    }),
  ]);
  const indicatorTitle = (key: string) => {
    const indicator = payload.indicators.find((i) => i.key === key);
    return indicator ? localize(indicator.title, locale) : key;
  };
  const notes: string[] = [];
  const { onlyBefore, onlyAfter, rescored } = comparison.unmatched;
  if (onlyBefore.length > 0) notes.push(t.onlyBefore(formatList(onlyBefore, locale)));
  if (onlyAfter.length > 0) notes.push(t.onlyAfter(formatList(onlyAfter.map(indicatorTitle), locale)));
  if (rescored.length > 0) notes.push(t.rescored(formatList(rescored.map(indicatorTitle), locale)));
  return spec({
    id: 'change-dimensions',
    kind: 'diverging-bar',
    orientation: 'horizontal',
    locale,
    title: t.changeTitle(comparison.previous.title),
    summary: t.changeSummary,
    labels: dimensions.map((d) => localize(d.title, locale)),
    labelKeys: dimensions.map((d) => d.key),
    series,
    unit: 'points',
    axis: symmetricAxis(series.flatMap((s) => s.values), t.changeAxis),
    table: { caption: t.changeCaption, columns: [t.dimension, ...columns.map((c) => columnLabel(c, locale))], rows, notes: marks.notes() },
    notes,
  });
}

// ---------------------------------------------------------------------------------------------
// Indicator tables

/** The indicators of one dimension: score and n per group, withheld cells marked, the dimension's score last. */
export function indicatorTable(
  payload: AnalysisPayload,
  locale: Locale,
  dimensionKey: string,
  filters: ChartFilters = {},
): (ChartTable & { suppressedNote?: string }) | null {
  const dimension = payload.dimensions.find((d) => d.key === dimensionKey);
  if (!dimension) return null;
  const t = chartText(locale);
  const marks = new Marks(t, payload.k);
  const indicators = payload.indicators.filter((i) => i.dimensionKey === dimensionKey);
  const groups = chosenGroups(payload, filters);
  const columns: AnalysisColumn[] = ['all', ...groups];
  const cellText = (cell: Cell | ScoreCell | undefined, scored: boolean) => {
    if (!cell) return '';
    const mark = marks.withheld(cell);
    if (mark || cell.suppressed) return mark ?? '';
    const n = formatNumber(cell.n, locale, 0);
    if (!scored) return t.scoreAndN(t.notScored, n);
    return t.scoreAndN(cell.score === null ? marks.none() : formatScore(cell.score, locale), n);
  };
  const rows = indicators.map((i) => [localize(i.title, locale), ...columns.map((c) => cellText(i.cells[c], i.scored))]);
  rows.push([localize(dimension.title, locale), ...columns.map((c) => cellText(dimension.cells[c], true))]);
  const note = suppressedGroupsNote(payload, groups, locale);
  return {
    caption: t.indicatorTableCaption(localize(dimension.title, locale)),
    columns: [t.indicator, ...columns.map((c) => columnLabel(c, locale))],
    rows,
    notes: marks.notes(),
    ...(note ? { suppressedNote: note } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Everything

/**
 * The dashboard's charts in reading order: participation, the dimension profile, the gaps with
 * the self-assessment, the change since the previous evaluation, then per chosen dimension its
 * indicator gaps and its questions' distributions. Ids are stable: the report picks charts by id.
 */
export function dashboardCharts(payload: AnalysisPayload, locale: Locale, filters: ChartFilters = {}, context: ChartContext = {}): ChartSpec[] {
  const charts: Array<ChartSpec | null> = [
    participationChart(payload, locale, filters),
    dimensionRadarChart(payload, locale, filters),
    dimensionGapsChart(payload, locale, filters),
    changeChart(payload, locale, filters),
  ];
  for (const dimension of chosenDimensions(payload, filters)) {
    charts.push(indicatorGapsChart(payload, locale, dimension.key, filters));
    charts.push(...questionDistributionCharts(payload, locale, filters, context, dimension.key));
  }
  return charts.filter((chart): chart is ChartSpec => chart !== null);
}
