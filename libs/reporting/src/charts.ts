/**
 * Every chart kind of the domain's ChartSpec drawn as vector paths, looking like the dashboard:
 * the same palette, markers on radar points, the highlighted series thicker and in front, `null`
 * drawn as nothing, the zero line of differences darker, value axes with ticks and their title,
 * a legend with colour and marker, long labels wrapped (and cut with an ellipsis past four lines).
 * Labels, ticks and values are real text. Every value printed is a value of the spec, formatted
 * by the domain (`formatChartValue`), so a chart never shows a figure the model does not hold.
 */
import { CHART_INK, formatChartValue, type ChartMarker, type ChartSeries, type ChartSpec } from '#domain';
import { TYPE } from './theme.js';
import { clampLines, linesWidth, type Line } from './text-layout.js';
import { baselineOf, type ReportWriter } from './writer.js';

export interface ChartPlan {
  height: number;
  draw(x: number, top: number): void;
}

const LABEL_LINES = 4;

interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

function niceStep(range: number): number {
  const raw = range / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
}

/** The spec's axis, made safe: a positive range and at most 20 ticks. */
export function chartAxis(spec: ChartSpec): Axis {
  let min = Number.isFinite(spec.axis.min) ? spec.axis.min : 0;
  let max = Number.isFinite(spec.axis.max) ? spec.axis.max : min + 1;
  if (max <= min) [min, max] = [Math.min(min, max), Math.max(min, max) + 1];
  let step = spec.axis.step;
  if (step === undefined || !Number.isFinite(step) || step <= 0 || (max - min) / step > 20) step = niceStep(max - min);
  const ticks: number[] = [];
  for (let i = 0; i <= 20; i++) {
    const value = min + i * step;
    if (value > max + step * 1e-6) break;
    ticks.push(Math.round(value * 1e6) / 1e6);
  }
  return { min, max, ticks };
}

function valueAt(series: ChartSeries, index: number): number | null {
  const value = series.values[index];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Relative luminance of #rrggbb, to pick a readable label colour on a bar. */
function isDark(hex: string): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  if (!Number.isFinite(n)) return true;
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.4;
}

export function drawMarker(doc: PDFKit.PDFDocument, marker: ChartMarker, cx: number, cy: number, r: number, color: string): void {
  doc.save().fillColor(color).strokeColor(color).lineWidth(1.1).lineCap('round');
  switch (marker) {
    case 'circle':
      doc.circle(cx, cy, r).fill();
      break;
    case 'rect':
      doc.rect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8).fill();
      break;
    case 'rectRounded':
      doc.roundedRect(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, r * 0.45).fill();
      break;
    case 'rectRot':
      doc.polygon([cx, cy - r * 1.25], [cx + r * 1.25, cy], [cx, cy + r * 1.25], [cx - r * 1.25, cy]).fill();
      break;
    case 'triangle':
      doc.polygon([cx, cy - r * 1.25], [cx + r * 1.15, cy + r * 0.85], [cx - r * 1.15, cy + r * 0.85]).fill();
      break;
    case 'cross':
      doc.moveTo(cx - r * 1.2, cy).lineTo(cx + r * 1.2, cy).moveTo(cx, cy - r * 1.2).lineTo(cx, cy + r * 1.2).stroke();
      break;
    case 'crossRot':
      doc.moveTo(cx - r, cy - r).lineTo(cx + r, cy + r).moveTo(cx + r, cy - r).lineTo(cx - r, cy + r).stroke();
      break;
    case 'star':
      doc
        .moveTo(cx - r * 1.2, cy).lineTo(cx + r * 1.2, cy).moveTo(cx, cy - r * 1.2).lineTo(cx, cy + r * 1.2)
        .moveTo(cx - r * 0.85, cy - r * 0.85).lineTo(cx + r * 0.85, cy + r * 0.85).moveTo(cx + r * 0.85, cy - r * 0.85).lineTo(cx - r * 0.85, cy + r * 0.85)
        .stroke();
      break;
  }
  doc.restore();
}

// ---------------------------------------------------------------------------------------------
// Legend

interface LegendItem {
  lines: Line[];
  width: number;
  series: ChartSeries;
}

function planLegend(w: ReportWriter, spec: ChartSpec, width: number): { height: number; draw(x: number, top: number): void } {
  const type = TYPE.legend;
  const swatch = spec.kind === 'radar' ? 16 : 9;
  const gap = 4;
  const spacing = 12;
  const items: LegendItem[] = spec.series.map((series) => {
    const lines = clampLines(w.textLines(series.label, type, width - swatch - gap), 3, width - swatch - gap, w.measure);
    return { lines, width: swatch + gap + linesWidth(lines), series };
  });
  const rows: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let rowWidth = 0;
  for (const item of items) {
    if (row.length > 0 && rowWidth + spacing + item.width > width) {
      rows.push(row);
      row = [];
      rowWidth = 0;
    }
    rowWidth += (row.length > 0 ? spacing : 0) + item.width;
    row.push(item);
  }
  if (row.length > 0) rows.push(row);
  const rowHeight = (r: LegendItem[]) => Math.max(...r.map((i) => i.lines.length)) * type.leading + 3;
  const height = rows.reduce((sum, r) => sum + rowHeight(r), 0);
  return {
    height,
    draw(x, top) {
      let y = top;
      for (const r of rows) {
        const total = r.reduce((sum, item, index) => sum + item.width + (index > 0 ? spacing : 0), 0);
        let cx = x + (width - total) / 2;
        for (const item of r) {
          const mid = baselineOf(y, type) - type.style.size * 0.33;
          const color = item.series.color;
          if (spec.kind === 'radar') {
            w.rule(cx, mid, cx + swatch, mid, color, item.series.highlight ? 2.2 : 1.2);
            drawMarker(w.doc, item.series.marker ?? 'circle', cx + swatch / 2, mid, item.series.highlight ? 3 : 2.5, color);
          } else {
            w.fillRect(cx, mid - swatch / 2, swatch, swatch, color);
          }
          w.drawLines(item.lines, type, cx + swatch + gap, y);
          cx += item.width + spacing;
        }
        y += rowHeight(r);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Radar

function planRadar(w: ReportWriter, spec: ChartSpec, width: number): ChartPlan {
  const axis = chartAxis(spec);
  const n = spec.labels.length;
  const type = TYPE.chartLabel;
  const radius = Math.max(40, Math.min(118, width / 2 - 112));
  const labelOffset = 10;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
  const labels = spec.labels.map((label, i) => {
    const a = angle(i);
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const px = (radius + labelOffset) * cos;
    const align: 'left' | 'right' | 'center' = cos > 0.25 ? 'left' : cos < -0.25 ? 'right' : 'center';
    const room = align === 'left' ? width / 2 - px - 2 : align === 'right' ? width / 2 + px - 2 : Math.min(width, 2 * (width / 2 - radius * 0.2));
    const boxWidth = Math.max(40, Math.min(align === 'center' ? 190 : 130, room));
    const lines = clampLines(w.textLines(label, type, boxWidth), LABEL_LINES, boxWidth, w.measure);
    const height = lines.length * type.leading;
    const py = (radius + labelOffset) * sin;
    const top = py - (height * (1 - sin)) / 2;
    return { lines, align, boxWidth, px, top, height };
  });
  // The grid's own extent (a triangle reaches only half a radius below its centre), then the labels'.
  const sines = Array.from({ length: n }, (_, i) => Math.sin(angle(i)));
  const gridUp = n >= 3 ? radius * Math.max(0, ...sines.map((s) => -s)) : radius;
  const gridDown = n >= 3 ? radius * Math.max(0, ...sines) : radius;
  const up = Math.max(gridUp + 8, ...labels.map((l) => -l.top + 2));
  const down = Math.max(gridDown + 8, ...labels.map((l) => l.top + l.height + 2));
  const plotHeight = up + down;
  const legend = planLegend(w, spec, width);
  const axisTitle = spec.axis.title ? clampLines(w.textLines(spec.axis.title, TYPE.chartAxisTitle, width), 2, width, w.measure) : [];
  const titleHeight = axisTitle.length * TYPE.chartAxisTitle.leading;
  const height = plotHeight + 8 + titleHeight + (titleHeight ? 4 : 0) + legend.height;
  const scale = (value: number) => (radius * (clamp(value, axis.min, axis.max) - axis.min)) / (axis.max - axis.min);

  return {
    height,
    draw(x, top) {
      const doc = w.doc;
      const cx = x + width / 2;
      const cy = top + up;
      const point = (i: number, r: number): [number, number] => [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))];
      // Grid: one polygon per tick, and the spokes.
      doc.save().lineWidth(0.6).strokeColor(CHART_INK.grid);
      for (const tick of axis.ticks) {
        const r = scale(tick);
        if (r <= 0) continue;
        if (n >= 3) {
          doc.polygon(...Array.from({ length: n }, (_, i) => point(i, r))).stroke();
        } else {
          doc.circle(cx, cy, r).stroke();
        }
      }
      for (let i = 0; i < n; i++) {
        const [ex, ey] = point(i, radius);
        doc.moveTo(cx, cy).lineTo(ex, ey).stroke();
      }
      doc.restore();
      // Series: the highlighted one last, in front.
      const ordered = [...spec.series.filter((s) => !s.highlight), ...spec.series.filter((s) => s.highlight)];
      for (const series of ordered) {
        const points = spec.labels.map((_, i) => {
          const value = valueAt(series, i);
          return value === null ? null : point(i, scale(value));
        });
        const thick = series.highlight === true;
        if (n >= 3 && points.every((p) => p !== null)) {
          doc.save().fillOpacity(thick ? 0.14 : 0.05).polygon(...(points as Array<[number, number]>)).fill(series.color).restore();
        }
        doc.save().lineWidth(thick ? 2.4 : 1.3).strokeColor(series.color).lineJoin('round').lineCap('round');
        const segments = n >= 3 ? n : n - 1;
        for (let i = 0; i < segments; i++) {
          const a = points[i];
          const b = points[(i + 1) % n];
          if (a && b) doc.moveTo(a[0], a[1]).lineTo(b[0], b[1]).stroke();
        }
        doc.restore();
        for (const p of points) if (p) drawMarker(doc, series.marker ?? 'circle', p[0], p[1], thick ? 3.1 : 2.5, series.color);
      }
      // Tick values up the first spoke, on a white backdrop.
      const tickType = TYPE.chartTick;
      for (const tick of axis.ticks) {
        if (tick === axis.min) continue;
        const label = formatChartValue(tick, spec.unit, spec.locale);
        const tw = w.width(label, tickType.style);
        const ty = cy - scale(tick);
        w.fillRect(cx + 2, ty - 4.5, tw + 3, 8, '#FFFFFF', 0.85);
        w.drawString(label, tickType.style, cx + 3.5, ty + 2.3);
      }
      // Labels around.
      for (const label of labels) {
        const lx = label.align === 'left' ? cx + label.px : label.align === 'right' ? cx + label.px - label.boxWidth : cx + label.px - label.boxWidth / 2;
        w.drawLines(label.lines, type, lx, cy + label.top, label.align, label.boxWidth);
      }
      // The value axis' title (the scale the rings measure), under the plot.
      w.drawLines(axisTitle, TYPE.chartAxisTitle, x, top + plotHeight + 4, 'center', width);
      legend.draw(x, top + plotHeight + 8 + titleHeight + (titleHeight ? 4 : 0));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bars

interface BarGeometry {
  axis: Axis;
  grouped: number;
  thickness: number;
  gap: number;
}

function barGeometry(spec: ChartSpec, bandRoom: number | null): BarGeometry {
  const axis = chartAxis(spec);
  const grouped = spec.kind === 'stacked-bar' || spec.stacked ? 1 : Math.max(1, spec.series.length);
  let thickness = grouped === 1 ? (spec.kind === 'stacked-bar' || spec.stacked ? 15 : 11) : grouped <= 2 ? 10 : grouped <= 4 ? 8 : Math.max(3.5, 32 / grouped);
  const gap = grouped > 1 ? 1.5 : 0;
  // Columns (vertical bars) take a share of their category's width, as chart.js does.
  if (bandRoom !== null) thickness = Math.max(2, Math.min(grouped === 1 ? 44 : 26, (bandRoom * (grouped === 1 ? 0.5 : 0.72) - gap * (grouped - 1)) / grouped));
  return { axis, grouped, thickness, gap };
}

const isStacked = (spec: ChartSpec) => spec.kind === 'stacked-bar' || spec.stacked;

function drawValueLabel(w: ReportWriter, text: string, x: number, mid: number, align: 'left' | 'right' | 'center', onBar: string | null): void {
  const type = TYPE.chartValue;
  const style = onBar ? { ...type.style, color: isDark(onBar) ? '#FFFFFF' : CHART_INK.text } : type.style;
  const tw = w.width(text, style);
  const left = align === 'left' ? x : align === 'right' ? x - tw : x - tw / 2;
  w.drawString(text, style, left, mid + type.style.size * 0.35);
}

function planHorizontalBars(w: ReportWriter, spec: ChartSpec, width: number, maxHeight: number): ChartPlan {
  const type = TYPE.chartLabel;
  const tickType = TYPE.chartTick;
  const format = (v: number) => formatChartValue(v, spec.unit, spec.locale);
  const naturalLabel = Math.max(0, ...spec.labels.map((l) => w.width(l, type.style)));
  const labelWidth = Math.max(50, Math.min(width * 0.3, 150, naturalLabel + 2));
  const axisHeight = 13 + (spec.axis.title ? 12 : 0);
  const legend = planLegend(w, spec, width);
  // Many categories: thinner bars and fewer label lines, so that the chart stays on one page.
  const perBand = (maxHeight - axisHeight - 8 - legend.height) / Math.max(1, spec.labels.length);
  const maxLines = Math.max(1, Math.min(LABEL_LINES, Math.floor((perBand - 4) / type.leading)));
  const labelLines = spec.labels.map((label) => clampLines(w.textLines(label, type, labelWidth), maxLines, labelWidth, w.measure));
  const geometry = barGeometry(spec, null);
  const { axis, grouped, gap } = geometry;
  const thickness = Math.max(1.5, Math.min(geometry.thickness, (perBand - 6 - gap * (grouped - 1)) / grouped));
  const stacked = isStacked(spec);
  const valueRoom = stacked ? 4 : 24;
  const plotX = labelWidth + 8;
  const plotWidth = width - plotX - valueRoom;
  const barsHeight = grouped * thickness + (grouped - 1) * gap;
  const bands = labelLines.map((lines) => Math.max(lines.length * type.leading + 6, barsHeight + Math.min(10, Math.max(2, perBand - barsHeight))));
  const plotHeight = bands.reduce((a, b) => a + b, 0);
  const height = plotHeight + axisHeight + 8 + legend.height;
  const diverging = spec.kind === 'diverging-bar';

  return {
    height,
    draw(x, top) {
      const scale = (v: number) => x + plotX + ((clamp(v, axis.min, axis.max) - axis.min) / (axis.max - axis.min)) * plotWidth;
      const bottom = top + plotHeight;
      const base = clamp(0, axis.min, axis.max);
      // Grid and ticks.
      for (const tick of axis.ticks) {
        const tx = scale(tick);
        const zero = diverging && tick === 0;
        if (!zero) w.rule(tx, top, tx, bottom, CHART_INK.grid, 0.5);
        const label = format(tick);
        const tw = w.width(label, tickType.style);
        w.drawString(label, tickType.style, clamp(tx - tw / 2, x, x + width - tw), bottom + 9);
      }
      if (spec.axis.title) {
        const title = clampLines(w.textLines(spec.axis.title, TYPE.chartAxisTitle, plotWidth), 1, plotWidth, w.measure);
        w.drawLines(title, TYPE.chartAxisTitle, x + plotX, bottom + 12, 'center', plotWidth);
      }
      // Bars.
      let bandTop = top;
      spec.labels.forEach((_, i) => {
        const band = bands[i]!;
        const mid = bandTop + band / 2;
        w.drawLines(labelLines[i]!, type, x, mid - (labelLines[i]!.length * type.leading) / 2, 'right', labelWidth);
        if (stacked) {
          let cumulative = axis.min;
          const y0 = mid - thickness / 2;
          for (const series of spec.series) {
            const value = valueAt(series, i);
            if (value === null || value <= 0) continue;
            const x0 = scale(cumulative);
            const x1 = scale(cumulative + value);
            cumulative += value;
            if (x1 - x0 <= 0.01) continue;
            w.fillRect(x0, y0, x1 - x0, thickness, series.color);
            w.rule(x1, y0, x1, y0 + thickness, '#FFFFFF', 0.7);
            const text = format(value);
            if (x1 - x0 >= w.width(text, TYPE.chartValue.style) + 5) drawValueLabel(w, text, (x0 + x1) / 2, mid, 'center', series.color);
          }
        } else {
          const groupTop = mid - barsHeight / 2;
          spec.series.forEach((series, s) => {
            const value = valueAt(series, i);
            if (value === null) return;
            const y0 = groupTop + s * (thickness + gap);
            const from = scale(base);
            const to = scale(value);
            const left = Math.min(from, to);
            w.fillRect(left, y0, Math.max(Math.abs(to - from), 0.6), thickness, series.color);
            if (thickness >= 5.5) {
              const text = format(value);
              const tw = w.width(text, TYPE.chartValue.style);
              const midBar = y0 + thickness / 2;
              if (to >= from) {
                if (to + 2 + tw <= x + width) drawValueLabel(w, text, to + 2, midBar, 'left', null);
                else drawValueLabel(w, text, to - 2, midBar, 'right', series.color);
              } else if (to - 2 - tw >= x + plotX) drawValueLabel(w, text, to - 2, midBar, 'right', null);
              else drawValueLabel(w, text, to + 2, midBar, 'left', series.color);
            }
          });
        }
        bandTop += band;
      });
      // The value axis' origin: the zero line of differences darker.
      const originX = scale(base);
      w.rule(originX, top, originX, bottom, CHART_INK.axis, diverging ? 1.3 : 0.8);
      legend.draw(x, top + plotHeight + axisHeight + 8);
    },
  };
}

function planVerticalBars(w: ReportWriter, spec: ChartSpec, width: number): ChartPlan {
  const type = TYPE.chartLabel;
  const tickType = TYPE.chartTick;
  const format = (v: number) => formatChartValue(v, spec.unit, spec.locale);
  const probe = chartAxis(spec);
  const tickWidth = Math.max(...probe.ticks.map((t) => w.width(format(t), tickType.style)));
  const titleRoom = spec.axis.title ? 12 : 0;
  const plotX = titleRoom + tickWidth + 6;
  const plotWidth = width - plotX;
  const n = Math.max(1, spec.labels.length);
  const band = plotWidth / n;
  const geometry = barGeometry(spec, band);
  const { axis, grouped, thickness, gap } = geometry;
  const stacked = isStacked(spec);
  const labelWidth = Math.max(20, band - 6);
  const labelLines = spec.labels.map((label) => clampLines(w.textLines(label, type, labelWidth), LABEL_LINES, labelWidth, w.measure));
  const labelsHeight = Math.max(1, ...labelLines.map((l) => l.length)) * type.leading + 6;
  const plotHeight = 170;
  const headroom = 10;
  const legend = planLegend(w, spec, width);
  const height = headroom + plotHeight + labelsHeight + 8 + legend.height;
  const diverging = spec.kind === 'diverging-bar';

  return {
    height,
    draw(x, top) {
      const plotTop = top + headroom;
      const bottom = plotTop + plotHeight;
      const scale = (v: number) => bottom - ((clamp(v, axis.min, axis.max) - axis.min) / (axis.max - axis.min)) * plotHeight;
      const base = clamp(0, axis.min, axis.max);
      for (const tick of axis.ticks) {
        const ty = scale(tick);
        if (!(diverging && tick === 0)) w.rule(x + plotX, ty, x + width, ty, CHART_INK.grid, 0.5);
        const label = format(tick);
        w.drawString(label, tickType.style, x + plotX - 4 - w.width(label, tickType.style), ty + 2.3);
      }
      if (spec.axis.title) {
        const title = clampLines(w.textLines(spec.axis.title, TYPE.chartAxisTitle, plotHeight), 1, plotHeight, w.measure)[0];
        if (title) {
          const cx = x + 7;
          const cy = plotTop + plotHeight / 2 + title.width / 2;
          w.doc.save().rotate(-90, { origin: [cx, cy] });
          w.drawLine(title, cx, cy);
          w.doc.restore();
        }
      }
      const barsWidth = grouped * thickness + (grouped - 1) * gap;
      spec.labels.forEach((_, i) => {
        const bandLeft = x + plotX + i * band;
        const mid = bandLeft + band / 2;
        w.drawLines(labelLines[i]!, type, bandLeft + 3, bottom + 4, 'center', labelWidth);
        if (stacked) {
          let cumulative = axis.min;
          const x0 = mid - thickness / 2;
          for (const series of spec.series) {
            const value = valueAt(series, i);
            if (value === null || value <= 0) continue;
            const y1 = scale(cumulative);
            const y0 = scale(cumulative + value);
            cumulative += value;
            if (y1 - y0 <= 0.01) continue;
            w.fillRect(x0, y0, thickness, y1 - y0, series.color);
            w.rule(x0, y0, x0 + thickness, y0, '#FFFFFF', 0.7);
            const text = format(value);
            if (y1 - y0 >= 9 && thickness >= w.width(text, TYPE.chartValue.style) + 3) drawValueLabel(w, text, mid, (y0 + y1) / 2, 'center', series.color);
          }
        } else {
          const groupLeft = mid - barsWidth / 2;
          spec.series.forEach((series, s) => {
            const value = valueAt(series, i);
            if (value === null) return;
            const x0 = groupLeft + s * (thickness + gap);
            const from = scale(base);
            const to = scale(value);
            w.fillRect(x0, Math.min(from, to), thickness, Math.max(Math.abs(to - from), 0.6), series.color);
            const text = format(value);
            const tw = w.width(text, TYPE.chartValue.style);
            if (tw <= thickness + gap + 4) drawValueLabel(w, text, x0 + thickness / 2, to <= from ? to - 5 : to + 5, 'center', null);
          });
        }
      });
      const originY = scale(base);
      w.rule(x + plotX, originY, x + width, originY, CHART_INK.axis, diverging ? 1.3 : 0.8);
      legend.draw(x, top + headroom + plotHeight + labelsHeight + 8);
    },
  };
}

/** The drawing of a chart with data (see `hasChartData`), `width` wide. */
export function planChart(w: ReportWriter, spec: ChartSpec, width: number, maxHeight: number): ChartPlan {
  if (spec.kind === 'radar') return planRadar(w, spec, width);
  return spec.orientation === 'vertical' ? planVerticalBars(w, spec, width) : planHorizontalBars(w, spec, width, maxHeight);
}
