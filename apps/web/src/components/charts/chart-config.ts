import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LineElement,
  LinearScale,
  PointElement,
  RadarController,
  RadialLinearScale,
  SubTitle,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
  type ScriptableScaleContext,
} from 'chart.js';
import { formatChartValue } from '#domain/charts/chart-format';
import type { ChartSpec } from '#domain/charts/chart-spec';
import { CHART_INK, withAlpha } from '#domain/charts/palette';

/*
 * Only the chart.js pieces the chart specs use (radar and bar charts, their scales, legend,
 * tooltip, and the title of downloaded images) are registered: the rest is left out of the bundle.
 */
ChartJS.register(
  RadarController,
  RadialLinearScale,
  PointElement,
  LineElement,
  Filler,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
  Title,
  SubTitle,
);
ChartJS.defaults.font.family = 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
ChartJS.defaults.color = CHART_INK.text;

export type ChartType = 'radar' | 'bar';

/** Paints the canvas white, so that a downloaded PNG is not transparent. */
export const whiteBackground: Plugin<ChartType> = {
  id: 'regardsWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = CHART_INK.background;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** Long category names on several lines (chart.js draws an array as lines). */
export function wrapLabel(label: string, width: number): string | string[] {
  if (label.length <= width) return label;
  const lines: string[] = [];
  let line = '';
  // Plain spaces only: a no-break space (before « : ») keeps its words together.
  for (const word of label.split(/ +/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface ConfigOptions {
  /** larger type for a projected screen */
  large?: boolean;
  /** narrow screens: shorter lines of labels */
  compact?: boolean;
  /** a downloaded image: fixed size, no animation, the title and the note drawn in */
  forImage?: boolean;
}

/** The height bars need for their categories; null for a radar, which keeps its proportions. */
export function chartHeight(spec: ChartSpec, options: ConfigOptions = {}): number | null {
  const scale = options.large ? 1.5 : 1;
  if (spec.kind === 'radar') return null;
  const bars = spec.stacked ? 1 : Math.max(1, spec.series.length);
  const perLabel = spec.stacked ? 34 : Math.max(26, bars * 14 + 12);
  return Math.round((Math.max(1, spec.labels.length) * perLabel + 110) * scale);
}

/** A chart.js configuration drawing exactly the spec: same labels, series, colours and formats. */
export function chartConfig(spec: ChartSpec, options: ConfigOptions = {}): ChartConfiguration<ChartType, Array<number | null>, string | string[]> {
  const font = options.large ? 17 : 12;
  const format = (value: number | string) => formatChartValue(Number(value), spec.unit, spec.locale);
  const labelWidth = options.compact || options.large ? 16 : spec.kind === 'radar' ? 22 : 28;
  const labels = spec.labels.map((label) => wrapLabel(label, labelWidth));
  const plugins = {
    legend: {
      position: 'bottom' as const,
      labels: {
        usePointStyle: spec.kind === 'radar',
        boxWidth: 14,
        boxHeight: 12,
        padding: 14,
        font: { size: font },
        // The legend's marks are drawn with a thin line even where the series' line is thick.
        generateLabels: (chart: ChartJS) => ChartJS.defaults.plugins.legend.labels.generateLabels(chart).map((item) => ({ ...item, lineWidth: 1 })),
      },
    },
    tooltip: {
      callbacks: {
        label: (item: { dataset: { label?: string }; raw: unknown }) =>
          item.raw === null || item.raw === undefined ? '' : `${item.dataset.label ?? ''}${spec.locale === 'fr' ? '\u202f: ' : ': '}${format(item.raw as number)}`,
      },
    },
    title: { display: options.forImage === true, text: spec.title, color: CHART_INK.text, font: { size: font + 4, weight: 600 as const }, padding: { bottom: 6 } },
    subtitle: {
      display: options.forImage === true && spec.suppressedNote !== undefined,
      text: spec.suppressedNote ?? '',
      color: CHART_INK.muted,
      font: { size: font },
      padding: { bottom: 12 },
    },
  };
  const common = {
    responsive: !options.forImage,
    // The container sets the size: its CSS keeps a radar's proportions, bars get the height their categories need.
    maintainAspectRatio: false,
    animation: options.forImage ? (false as const) : { duration: 250 },
    devicePixelRatio: options.forImage ? 2 : undefined,
    layout: { padding: options.forImage ? 24 : 4 },
    plugins,
  };

  if (spec.kind === 'radar') {
    const datasets: Array<ChartDataset<'radar', Array<number | null>>> = spec.series.map((series) => ({
      label: series.label,
      data: series.values,
      borderColor: series.color,
      backgroundColor: withAlpha(series.color, series.highlight ? 0.16 : 0.05),
      pointBackgroundColor: series.color,
      pointBorderColor: series.color,
      pointStyle: series.marker ?? 'circle',
      pointRadius: series.highlight ? 5 : 4,
      borderWidth: series.highlight ? 3.5 : 2,
      fill: true,
      order: series.highlight ? 0 : 1,
    }));
    return {
      type: 'radar',
      data: { labels, datasets },
      options: {
        ...common,
        scales: {
          r: {
            min: spec.axis.min,
            max: spec.axis.max,
            ticks: { stepSize: spec.axis.step, callback: format, backdropColor: 'rgba(255, 255, 255, 0.8)', color: CHART_INK.muted, font: { size: font - 1 } },
            grid: { color: CHART_INK.grid },
            angleLines: { color: CHART_INK.grid },
            pointLabels: { color: CHART_INK.text, font: { size: font, weight: 500 } },
          },
        },
      },
    } as ChartConfiguration<ChartType, Array<number | null>, string | string[]>;
  }

  const horizontal = spec.orientation !== 'vertical';
  const valueAxis = {
    min: spec.axis.min,
    max: spec.axis.max,
    stacked: spec.stacked,
    ticks: { stepSize: spec.axis.step, callback: format, color: CHART_INK.muted, font: { size: font - 1 } },
    grid: {
      // The zero line of differences is the reference: drawn darker.
      color: (context: ScriptableScaleContext) => (spec.kind === 'diverging-bar' && context.tick?.value === 0 ? CHART_INK.axis : CHART_INK.grid),
      lineWidth: (context: ScriptableScaleContext) => (spec.kind === 'diverging-bar' && context.tick?.value === 0 ? 2 : 1),
    },
    title: { display: spec.axis.title !== undefined, text: spec.axis.title ?? '', color: CHART_INK.muted, font: { size: font - 1 } },
  };
  const categoryAxis = {
    stacked: spec.stacked,
    grid: { display: false },
    ticks: { autoSkip: false, color: CHART_INK.text, font: { size: font } },
  };
  const datasets: Array<ChartDataset<'bar', Array<number | null>>> = spec.series.map((series) => ({
    label: series.label,
    data: series.values,
    backgroundColor: series.color,
    borderColor: spec.stacked ? CHART_INK.background : series.color,
    borderWidth: spec.stacked ? { right: 1 } : 0,
    borderSkipped: false,
    borderRadius: spec.stacked ? 0 : 2,
    maxBarThickness: spec.stacked ? 26 : 18,
    categoryPercentage: spec.stacked ? 0.8 : 0.75,
    barPercentage: 0.9,
  }));
  return {
    type: 'bar',
    data: { labels, datasets },
    options: {
      ...common,
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
  } as ChartConfiguration<ChartType, Array<number | null>, string | string[]>;
}
