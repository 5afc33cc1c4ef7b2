import { Alert, Button, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report, ReportRender, ReportsApi } from '../../api/reports-api';
import { IconDownload } from '../../components/icons';
import type { EvaluationRef } from '../evaluations/use-evaluations';
import { renderProblem } from './report-errors';
import { useRenderProgress } from './use-report';
import { formatBytes } from './format-bytes';
import { WarningText } from './warning-text';

interface RenderPanelProps {
  evaluationRef: EvaluationRef;
  client: ReportsApi;
  report: Report;
  /** Some section has changes the server does not have yet. */
  hasUnsaved: boolean;
}

/**
 * A draft PDF of the saved report, rendered off the request path: asked for, followed every
 * 700 ms with a progress bar, then downloaded. The queue may be full: the API then says when
 * to try again.
 */
export function RenderPanel({ evaluationRef, client, report, hasUnsaved }: RenderPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [started, setStarted] = useState<ReportRender | null>(report.latestRender?.kind === 'draft' ? report.latestRender : null);
  const progress = useRenderProgress(evaluationRef, started);
  const render = progress.data ?? started;
  const start = useMutation({
    mutationFn: () => client.startRender(report.locale),
    onSuccess: (created) => setStarted(created),
  });
  const running = render !== null && (render.status === 'queued' || render.status === 'running');

  return (
    <Paper component="section" aria-labelledby={titleId} p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('reports.render.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reports.render.intro')}
        </Text>
        <div>
          <Button onClick={() => start.mutate()} loading={start.isPending} disabled={running}>
            {render ? t('reports.render.again') : t('reports.render.start')}
          </Button>
        </div>
        {/* Below the button, so that the button stays where it is when the warning goes. */}
        {hasUnsaved && <WarningText>{t('reports.render.unsavedFirst')}</WarningText>}
        {start.isError && (
          <Alert color="red" variant="light" role="alert">
            {renderProblem(start.error, t)}
          </Alert>
        )}
        {render && <RenderState render={render} pdfUrl={client.renderPdfUrl(render.id)} currentRevision={report.revision} />}
      </Stack>
    </Paper>
  );
}

/** A render's progress, outcome and download, shared by the draft and the final render. */
export function RenderState({ render, pdfUrl, currentRevision }: { render: ReportRender; pdfUrl: string | null; currentRevision: number }) {
  const { t } = useTranslation();
  const running = render.status === 'queued' || render.status === 'running';
  return (
    <Stack gap="xs">
      <div role="status" aria-live="polite" aria-atomic="true">
        {render.status === 'queued' && <Text size="sm">{t('reports.render.queued')}</Text>}
        {render.status === 'running' && <Text size="sm">{t('reports.render.running', { progress: Math.round(render.progress) })}</Text>}
        {render.status === 'done' && (
          <Text size="sm" fw={600}>
            {t('reports.render.done', { revision: render.revision })}
          </Text>
        )}
      </div>
      {running && (
        <Progress value={render.status === 'queued' ? 0 : render.progress} aria-label={t('reports.render.progressLabel')} animated striped size="lg" />
      )}
      {render.status === 'failed' && (
        <Alert color="red" variant="light" role="alert">
          {render.error ? t('reports.render.failed', { error: render.error }) : t('reports.render.failedUnknown')}
        </Alert>
      )}
      {render.status === 'done' && pdfUrl && (
        <>
          {render.revision !== currentRevision && (
            <Text size="sm" c="dimmed">
              {t('reports.render.outdated', { revision: render.revision })}
            </Text>
          )}
          <div>
            <Button component="a" href={pdfUrl} download variant="light" leftSection={<IconDownload size={16} />}>
              {t('reports.render.download')}
            </Button>
          </div>
          {render.pages !== null && render.sizeBytes !== null && (
            <Text size="xs" c="dimmed">
              {t('reports.render.details', { count: render.pages, size: formatBytes(render.sizeBytes) })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
