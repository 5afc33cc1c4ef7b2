/**
 * The report's page, colours and type scale. Chart colours come from the domain's palette (the
 * dashboard's); the accent is Regards' teal, the same as the web application's.
 */
import { CHART_INK } from '#domain';
import type { TextStyle } from './text-layout.js';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

export const MARGINS = { top: 76, bottom: 72, left: 66, right: 66 } as const;

export const FRAME = {
  left: MARGINS.left,
  right: PAGE.width - MARGINS.right,
  top: MARGINS.top,
  bottom: PAGE.height - MARGINS.bottom,
  width: PAGE.width - MARGINS.left - MARGINS.right,
  height: PAGE.height - MARGINS.top - MARGINS.bottom,
} as const;

export const COLORS = {
  ink: CHART_INK.text,
  muted: CHART_INK.muted,
  rule: CHART_INK.grid,
  accent: '#17717E',
  accentDark: '#00616D',
  accentMid: '#59A9B5',
  accentLight: '#D8EAED',
  accentPale: '#EBF6F7',
  zebra: '#F5F7F8',
  white: '#FFFFFF',
  watermark: '#8A96A0',
} as const;

const style = (font: TextStyle['font'], size: number, color: string, tracking?: number): TextStyle => (tracking ? { font, size, color, tracking } : { font, size, color });

/** Text styles and the leading that goes with each (distance between baselines). */
export const TYPE = {
  body: { style: style('serif', 10.5, COLORS.ink), leading: 15.5 },
  bodyItalic: { style: style('serifItalic', 10.5, COLORS.ink), leading: 15.5 },
  note: { style: style('sansItalic', 9.5, COLORS.muted), leading: 13 },
  kicker: { style: style('sansSemiBold', 8, COLORS.accent, 1.1), leading: 11 },
  sectionNumber: { style: style('sansBold', 30, COLORS.accentLight), leading: 32 },
  h1: { style: style('sansBold', 23, COLORS.ink), leading: 28 },
  h2: { style: style('sansSemiBold', 14, COLORS.ink), leading: 18.5 },
  h3: { style: style('sansSemiBold', 11.5, COLORS.ink), leading: 15 },
  h4: { style: style('sansSemiBold', 10, COLORS.accentDark), leading: 13.5 },
  figureTitle: { style: style('sansSemiBold', 10.5, COLORS.ink), leading: 13.5 },
  figureSummary: { style: style('sans', 8, COLORS.muted), leading: 10.5 },
  small: { style: style('sans', 7.5, COLORS.muted), leading: 10 },
  smallItalic: { style: style('sansItalic', 7.5, COLORS.muted), leading: 10 },
  tableCaption: { style: style('sansSemiBold', 9, COLORS.ink), leading: 12 },
  tableHead: { style: style('sansSemiBold', 7.5, COLORS.accentDark), leading: 9.5 },
  tableCell: { style: style('sans', 8, COLORS.ink), leading: 10.5 },
  quote: { style: style('serifItalic', 12, COLORS.ink), leading: 17 },
  attribution: { style: style('sansSemiBold', 8.5, COLORS.muted), leading: 11.5 },
  reason: { style: style('sansItalic', 8, COLORS.muted), leading: 11 },
  running: { style: style('sans', 7.5, COLORS.muted), leading: 10 },
  toc: { style: style('sans', 10.5, COLORS.ink), leading: 14 },
  tocNumber: { style: style('sansSemiBold', 10.5, COLORS.accent), leading: 14 },
  chartLabel: { style: style('sans', 7.5, CHART_INK.text), leading: 9 },
  chartTick: { style: style('sans', 6.5, CHART_INK.muted), leading: 8 },
  chartValue: { style: style('sans', 6.5, CHART_INK.text), leading: 8 },
  chartAxisTitle: { style: style('sans', 7, CHART_INK.muted), leading: 9 },
  legend: { style: style('sans', 7.5, CHART_INK.text), leading: 9.5 },
} as const;

export type TypeName = keyof typeof TYPE;

/** Ascent of a style's font, as a share of its size: where the baseline sits below a line's top. */
export const ASCENT = 0.78;
