import { Box, Button, Group, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Chart as ChartJS } from 'chart.js';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Chart } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { hasChartData, type ChartSpec } from '#domain/charts/chart-spec';
import { notifyError } from '../notify';
import { chartConfig, chartHeight, whiteBackground } from './chart-config';
import { DataTable } from './data-table';
import './charts.css';

const COMPACT_QUERY = '(max-width: 36em)';
/** Width of a downloaded image, in CSS pixels (drawn at twice that). */
const IMAGE_WIDTH = 1000;

/** "Utilité sociale 2026 — regards croisés" → "utilite-sociale-2026-regards-croises". */
export function fileSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function saveDataUrl(dataUrl: string, filename: string): void {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const href = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Draws the spec once more off screen, at a fixed size with its title and note, and saves it as a PNG. */
function downloadPng(spec: ChartSpec, filename: string): void {
  const canvas = document.createElement('canvas');
  const config = chartConfig(spec, { forImage: true });
  const height = (chartHeight(spec) ?? 760) + 90;
  canvas.width = IMAGE_WIDTH;
  canvas.height = height;
  canvas.style.width = `${IMAGE_WIDTH}px`;
  canvas.style.height = `${height}px`;
  const chart = new ChartJS(canvas, { ...config, plugins: [whiteBackground] });
  try {
    saveDataUrl(chart.toBase64Image('image/png', 1), filename);
  } finally {
    chart.destroy();
  }
}

export interface ChartFigureProps {
  spec: ChartSpec;
  /** the start of the PNG's name, e.g. the evaluation's title (made file-safe here) */
  filenameBase: string;
  headingOrder?: 2 | 3 | 4;
  /** larger type, for a projected screen */
  large?: boolean;
  /** shown beside the chart on wide screens (consensus answers…) */
  aside?: ReactNode;
  /** a sentence of context above the chart's own summary */
  description?: string;
  /** the id of the title, for a section that the chart's title names */
  titleId?: string;
}

/**
 * A chart drawn from its spec, with what makes it usable by everyone: a canvas named by the
 * chart's title and summary, its data as a table (shown on demand, keyboard reachable), its notes
 * on withheld figures, and a PNG download with a meaningful name.
 */
export function ChartFigure({ spec, filenameBase, headingOrder = 3, large = false, aside, description, titleId: givenTitleId }: ChartFigureProps) {
  const { t } = useTranslation();
  const ownTitleId = useId();
  const titleId = givenTitleId ?? ownTitleId;
  const tableId = useId();
  const [tableOpen, setTableOpen] = useState(false);
  const compact = useMediaQuery(COMPACT_QUERY, window.matchMedia(COMPACT_QUERY).matches, { getInitialValueInEffect: false });
  const config = useMemo(() => chartConfig(spec, { compact, large }), [spec, compact, large]);
  const drawable = hasChartData(spec);
  const filename = `${fileSlug(filenameBase) || 'regards'}-${spec.id}.png`;
  const height = chartHeight(spec, { compact, large });

  function download() {
    try {
      downloadPng(spec, filename);
    } catch {
      notifyError(t('analysis.chart.downloadFailed'));
    }
  }

  return (
    <Box component="figure" className={large ? 'chart-figure chart-figure-large' : 'chart-figure'} aria-labelledby={titleId} m={0}>
      <div className="chart-figure-head">
        <Title order={headingOrder} id={titleId} className="chart-figure-title">
          {spec.title}
        </Title>
        <Group gap={6} className="chart-figure-actions" wrap="wrap">
          <Button variant="default" size="compact-sm" aria-expanded={tableOpen} aria-controls={tableId} onClick={() => setTableOpen((open) => !open)}>
            {tableOpen ? t('analysis.chart.hideTable') : t('analysis.chart.showTable')}
          </Button>
          {drawable && (
            <Button variant="default" size="compact-sm" onClick={download} aria-label={t('analysis.chart.downloadLabel', { title: spec.title })}>
              {t('analysis.chart.download')}
            </Button>
          )}
        </Group>
      </div>
      {description && (
        <Text size="sm" className="chart-figure-summary">
          {description}
        </Text>
      )}
      <Text size="sm" c="dimmed" className="chart-figure-summary">
        {spec.summary}
      </Text>
      <div className={aside ? 'chart-figure-body chart-figure-body-aside' : 'chart-figure-body'}>
        {drawable ? (
          <div className={spec.kind === 'radar' ? 'chart-canvas chart-canvas-radar' : 'chart-canvas'} style={height === null ? undefined : { height }}>
            <Chart
              type={config.type}
              data={config.data}
              options={config.options}
              plugins={[whiteBackground]}
              role="img"
              aria-label={[spec.title, spec.summary, spec.suppressedNote].filter(Boolean).join(' ')}
              fallbackContent={<p>{spec.summary}</p>}
            />
          </div>
        ) : (
          <div className="chart-empty">
            <Text size="sm">{spec.suppressedNote ?? t('analysis.chart.nothingToDraw')}</Text>
          </div>
        )}
        {aside && <div className="chart-figure-aside">{aside}</div>}
      </div>
      {(spec.suppressedNote || spec.notes.length > 0) && (
        <ul className="chart-notes">
          {drawable && spec.suppressedNote && <li className="chart-note-suppressed">{spec.suppressedNote}</li>}
          {spec.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div id={tableId} hidden={!tableOpen}>
        {tableOpen && <DataTable table={spec.table} />}
      </div>
    </Box>
  );
}
