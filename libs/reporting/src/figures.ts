/**
 * A chart in the report: its title and one-sentence summary, the vector drawing, its legend, then
 * the withheld groups and the chart's notes in small text. Kept on one page. A chart with nothing
 * to draw shows its title, its table and its notes.
 */
import { hasChartData, type ChartSpec } from '#domain';
import { planChart } from './charts.js';
import { drawTable } from './tables.js';
import { FRAME, TYPE } from './theme.js';
import type { ReportWriter } from './writer.js';

export function drawFigure(w: ReportWriter, spec: ChartSpec): void {
  const width = FRAME.width;
  const title = w.textLines(spec.title, TYPE.figureTitle, width);
  const summary = spec.summary.trim() ? w.textLines(spec.summary, TYPE.figureSummary, width) : [];
  const head = title.length * TYPE.figureTitle.leading + 2 + summary.length * TYPE.figureSummary.leading + 10;
  const notes = [spec.suppressedNote, ...spec.notes].filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  const notesHeight = notes.reduce((sum, note) => sum + w.textLines(note, TYPE.smallItalic, width).length * TYPE.smallItalic.leading + 2, 0);
  if (w.y > FRAME.top + 0.5) w.space(10);

  if (!hasChartData(spec)) {
    w.ensure(head + 60);
    w.beginStruct('Div');
    drawHead();
    drawTable(w, spec.table);
    drawNotes();
    w.endStruct();
    w.space(12);
    return;
  }

  const plan = planChart(w, spec, width, FRAME.height - head - notesHeight - 8);
  w.ensure(head + plan.height + 8 + notesHeight);
  w.beginStruct('Div');
  drawHead();
  // When the chart is taller than what is left (only after a very long title), it starts a page.
  w.ensure(plan.height);
  const top = w.y;
  w.tagged('Figure', () => plan.draw(FRAME.left, top), { alt: `${spec.title}. ${spec.summary}`.trim() });
  w.y = top + plan.height;
  w.space(8);
  drawNotes();
  w.endStruct();
  w.space(18);

  function drawHead(): void {
    w.beginStruct('Caption');
    w.flowLines(title, TYPE.figureTitle, FRAME.left);
    w.space(2);
    if (summary.length > 0) w.flowLines(summary, TYPE.figureSummary, FRAME.left);
    w.endStruct();
    w.space(10);
  }

  function drawNotes(): void {
    for (const note of notes) w.paragraph([{ text: note, style: TYPE.smallItalic.style }], TYPE.smallItalic, { after: 2 });
  }
}
