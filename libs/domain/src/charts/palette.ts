/**
 * The colours of every chart, on screen and in the PDF. Chosen to stay distinct for the common
 * colour-vision deficiencies and in greyscale print, with a second cue where it matters (markers
 * on radar points, the table beside every chart).
 *
 * - Groups: Paul Tol's "muted" qualitative scheme (designed to be colour-blind safe); the
 *   self-assessment takes its darkest colour, so that it stands out as the reference.
 * - Ordered answers (agreement scales, weighted choices, yes/no): the PuOr diverging scheme
 *   (ColorBrewer, colour-blind safe), orange for the low end, purple for the high end, a light
 *   grey in the middle; "je ne sais pas" a mid grey that belongs to neither end.
 * - Unordered choices: Okabe & Ito's qualitative scheme without its yellow (too pale on white).
 */
import type { AnalysisColumn } from '../analysis/types.js';
import type { ChartMarker } from './chart-spec.js';

export const GROUP_COLORS: Readonly<Record<AnalysisColumn, string>> = {
  self_assessment: '#332288',
  staff: '#117733',
  volunteers: '#44AA99',
  board: '#88CCEE',
  beneficiaries: '#DDCC77',
  partners: '#CC6677',
  local_officials: '#AA4499',
  inhabitants: '#999933',
  all: '#555555',
};

export const GROUP_MARKERS: Readonly<Record<AnalysisColumn, ChartMarker>> = {
  self_assessment: 'circle',
  staff: 'rect',
  volunteers: 'triangle',
  board: 'rectRot',
  beneficiaries: 'crossRot',
  partners: 'star',
  local_officials: 'rectRounded',
  inhabitants: 'cross',
  all: 'circle',
};

/** PuOr, low to high; the middle lightened to a grey that still shows on white. */
export const ORDERED_SCALE_ANCHORS = ['#B35806', '#F1A340', '#FEE0B6', '#E3E3E3', '#D8DAEB', '#998EC3', '#542788'] as const;
export const DONT_KNOW_COLOR = '#8A8A8A';
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'] as const;

/** Bars of participation: what came in, against what was expected. */
export const PARTICIPATION_COLORS = { submitted: '#17717E', expected: '#C9D6D8' } as const;

/** Text, grid and axis lines, the same in the PDF. */
export const CHART_INK = { text: '#1F2933', muted: '#5C636A', grid: '#DDE2E5', axis: '#9AA5AD', background: '#FFFFFF' } as const;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

/** The colour at `position` (0 low … 1 high) along the ordered scheme. */
export function orderedColor(position: number): string {
  const anchors = ORDERED_SCALE_ANCHORS;
  const p = Math.min(1, Math.max(0, position)) * (anchors.length - 1);
  const i = Math.min(anchors.length - 2, Math.floor(p));
  const t = p - i;
  const a = hexToRgb(anchors[i]!);
  const b = hexToRgb(anchors[i + 1]!);
  return rgbToHex([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
}

export function categoryColor(index: number): string {
  return CATEGORY_COLORS[index % CATEGORY_COLORS.length]!;
}

/** `#rrggbb` with an alpha, as `rgba()` (fills under radar lines). */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
