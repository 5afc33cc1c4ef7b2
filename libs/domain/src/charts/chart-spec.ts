/**
 * A chart as pure data: what the dashboard draws with chart.js and the report draws as vector
 * paths with pdfkit, from the same definition. Everything a reader sees is already worded and
 * formatted for one locale; a renderer adds only geometry.
 *
 * ```ts
 * {
 *   id: 'radar-dimensions',              // stable and file-name safe: PNG names, report choices
 *   kind: 'radar',                       // 'radar' | 'bar' | 'stacked-bar' | 'diverging-bar'
 *                                        // bars also have orientation: 'horizontal' (labels on the vertical axis)
 *   locale: 'fr',
 *   title: 'Profil par dimension',
 *   summary: 'Score de 0 à 100 …',       // one sentence: with the title, the chart's accessible name
 *   labels: ['Utilité économique…', …],  // categories: radar axes, bars (or bar groups)
 *   labelKeys: ['utilite_economique', …],
 *   series: [{ key: 'self_assessment', label: 'Auto-évaluation…', values: [72, null, …],
 *              color: '#332288', marker: 'circle', highlight: true }],
 *   unit: 'score',                       // how values read: see formatChartValue
 *   axis: { min: 0, max: 100, step: 20, title: 'Score (0 à 100)' },   // the value axis
 *   stacked: false,
 *   table: { caption: '…', columns: ['Dimension', 'Auto-évaluation…', …], rows: [['Utilité…', '72', '< 5', …]],
 *            notes: ['« < 5 » : moins de 5 réponses …'] },
 *   suppressedNote: 'Moins de 5 réponses, résultats non affichés : Partenaires.',
 *   notes: [],                           // about the chart itself: several answers allowed, indicators not compared…
 * }
 * ```
 *
 * Rules every builder keeps:
 * - a `null` value is drawn as nothing: a figure withheld for anonymity (fewer than k submissions,
 *   or withheld so that it cannot be recovered by subtraction) or a figure that does not exist;
 *   a withheld figure never appears as a number, in the series or in the table;
 * - a series with no value at all is left out of `series` (its column stays in the table, marked);
 * - `series[i].values` has one value per label; `table.rows[i][0]` is a row header and the other
 *   cells follow `table.columns`;
 * - colours come from `palette.ts` only, so the dashboard and the PDF look the same.
 *
 * How each kind is drawn:
 * - `radar`: one closed line per series around the labels (axes), markers on the points, the
 *   `highlight` series thicker and in front; a null value leaves a gap in the line;
 * - `bar`: grouped bars, one per series and label;
 * - `stacked-bar`: one bar per label, the series stacked in order (answer values, low to high,
 *   "je ne sais pas" last); the values of a label add up to 100;
 * - `diverging-bar`: grouped bars from zero, left when negative, on an axis symmetric around 0
 *   whose zero line is drawn darker (the reference: the self-assessment, or the previous evaluation).
 */
import type { Locale } from '../locale.js';
import type { StakeholderGroupKey } from '../stakeholder-group.js';

export const CHART_KINDS = ['radar', 'bar', 'stacked-bar', 'diverging-bar'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/**
 * - `score`: 0–100 score; `points`: a signed difference of scores; `percent`: a share, 0–100;
 * - `count`: a number of people; `number`: a quantity as answered (mean, median).
 */
export type ChartUnit = 'score' | 'points' | 'percent' | 'count' | 'number';

/** Point markers of line-like series (radar): a second cue beside colour, for print and colour blindness. */
export const CHART_MARKERS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross'] as const;
export type ChartMarker = (typeof CHART_MARKERS)[number];

export interface ChartSeries {
  /** a stakeholder group key, 'all', an answer value, or a role such as 'expected' */
  key: string;
  label: string;
  /** one per label; null: nothing to draw (withheld or no figure) */
  values: Array<number | null>;
  /** #rrggbb from the palette */
  color: string;
  marker?: ChartMarker;
  /** the self-assessment: drawn thicker and in front */
  highlight?: boolean;
}

/** The accessible data table of a chart (and the report's table): every cell already formatted. */
export interface ChartTable {
  caption: string;
  /** header row; the first one names the row headers */
  columns: string[];
  /** each row starts with its header */
  rows: string[][];
  /** what the marks used in the rows mean (« < 5 », « masqué », « — »); shown with the table */
  notes: string[];
}

export interface ChartAxis {
  min: number;
  max: number;
  step?: number;
  title?: string;
}

export interface ChartSpec {
  id: string;
  kind: ChartKind;
  /** bars only; radar charts have none */
  orientation?: 'horizontal' | 'vertical';
  /** bars: series stacked on one another (distributions) */
  stacked: boolean;
  locale: Locale;
  title: string;
  summary: string;
  labels: string[];
  labelKeys: string[];
  series: ChartSeries[];
  unit: ChartUnit;
  axis: ChartAxis;
  table: ChartTable;
  /** the groups whose figures are withheld, in words; absent when none is */
  suppressedNote?: string;
  /** about the chart itself (several answers allowed, what could not be compared…); shown with the chart */
  notes: string[];
}

/** True when the chart has at least one value to draw (otherwise show its table and notes only). */
export function hasChartData(spec: ChartSpec): boolean {
  return spec.series.some((series) => series.values.some((value) => value !== null));
}

/** What a reader chose to look at; empty or absent means everything. */
export interface ChartFilters {
  groups?: readonly StakeholderGroupKey[];
  dimensions?: readonly string[];
}
