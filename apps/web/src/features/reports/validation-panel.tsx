import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../api/evaluations-api';
import { isReportProblem, type Report, type ReportValidation, type ReportsApi, type ValidationCapacity } from '../../api/reports-api';
import { notifySuccess } from '../../components/notify';
import { formatDateTime, statusLabel } from '../evaluations/evaluation-labels';
import type { EvaluationRef } from '../evaluations/use-evaluations';
import { RenderState } from './render-panel';
import { reportProblem } from './report-errors';
import { useRenderProgress } from './use-report';
import { WarningText } from './warning-text';

/** The evaluation statuses in which the report may be validated. */
const VALIDATING_STATUSES: ReadonlyArray<Evaluation['status']> = ['analysing', 'reporting', 'closed'];
const CAPACITIES: readonly ValidationCapacity[] = ['facilitator', 'contact'];

interface ValidationPanelProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  client: ReportsApi;
  report: Report;
  userId: string;
  /** What the caller may validate as: the network's facilitator, the organization's contact, or both. */
  capacities: ValidationCapacity[];
  hasUnsaved: boolean;
  onReport: (report: Report) => void;
  onRefresh: () => void;
}

/**
 * The current revision's two validations, the caller's own, and — once both are there — the
 * final render that freezes the version.
 */
export function ValidationPanel({ evaluationRef, evaluation, client, report, userId, capacities, hasUnsaved, onReport, onRefresh }: ValidationPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { validations } = report;
  const mine = CAPACITIES.filter((capacity) => validations[capacity]?.userId === userId);
  const open = capacities.filter((capacity) => validations[capacity] === null);
  const [chosen, setChosen] = useState<ValidationCapacity | undefined>(undefined);
  const capacity = open.includes(chosen as ValidationCapacity) ? chosen : open[0];
  const statusAllows = VALIDATING_STATUSES.includes(evaluation.status);

  const validate = useMutation({
    mutationFn: () => client.validate(report.revision, capacities.length > 1 ? capacity : undefined),
    onSuccess: (updated) => {
      onReport(updated);
      notifySuccess(t('reports.validation.validated', { revision: updated.revision }));
    },
    onError: (error) => {
      if (isReportProblem(error, 'report-conflict') || isReportProblem(error, 'conflict')) onRefresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () => client.withdraw(),
    onSuccess: (updated) => {
      if (updated && typeof updated === 'object' && 'revision' in updated) onReport(updated);
      else onRefresh();
      notifySuccess(t('reports.validation.withdrawn'));
    },
  });

  const both = validations.facilitator !== null && validations.contact !== null;
  const version = report.versions.find((v) => v.revision === report.revision);
  const finalRender = report.latestRender?.kind === 'final' && report.latestRender.revision === report.revision ? report.latestRender : null;
  const failure = validate.error ?? withdraw.error;

  return (
    <Paper component="section" aria-labelledby={titleId} p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} id={titleId}>
          {t('reports.validation.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reports.validation.intro')}
        </Text>
        <dl className="report-validations">
          {CAPACITIES.map((c) => (
            <div key={c}>
              <dt>{t(`reports.validation.${c}`)}</dt>
              <dd>
                <ValidationText validation={validations[c]} />
              </dd>
            </div>
          ))}
        </dl>

        {both ? (
          <>
            <FinalState evaluationRef={evaluationRef} report={report} finalRender={finalRender} versionNumber={version?.number ?? null} onRefresh={onRefresh} />
            {mine.length > 0 && !version && (
              <div>
                <Button variant="default" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
                  {t('reports.validation.withdraw')}
                </Button>
              </div>
            )}
          </>
        ) : (
          <>
            {!statusAllows && (
              <Alert color="gray" variant="light">
                {t('reports.validation.status', { status: statusLabel(evaluation.status, t) })}
              </Alert>
            )}
            {open.length > 0 && capacities.length > 1 && (
              <Radio.Group label={t('reports.validation.capacityLabel')} value={capacity ?? null} onChange={(value) => setChosen(value as ValidationCapacity)}>
                <Group gap="md" mt={4}>
                  {open.map((c) => (
                    <Radio key={c} value={c} label={t(`reports.validation.${c}`)} />
                  ))}
                </Group>
              </Radio.Group>
            )}
            <Group gap="sm">
              {open.length > 0 && (
                <Button onClick={() => validate.mutate()} loading={validate.isPending} disabled={!statusAllows || hasUnsaved}>
                  {t('reports.validation.validate')}
                </Button>
              )}
              {mine.length > 0 && (
                <Button variant="default" onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
                  {t('reports.validation.withdraw')}
                </Button>
              )}
            </Group>
            {mine.length > 0 && open.length === 0 && (
              <Text size="sm">{t('reports.validation.alreadyValidated')}</Text>
            )}
            {statusAllows && hasUnsaved && open.length > 0 && <WarningText>{t('reports.validation.unsaved')}</WarningText>}
          </>
        )}
        {failure && (
          <Alert color="red" variant="light" role="alert">
            {isReportProblem(failure, 'report-conflict') || isReportProblem(failure, 'conflict')
              ? t('reports.validation.stale')
              : reportProblem(failure, t)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function ValidationText({ validation }: { validation: ReportValidation | null }) {
  const { t } = useTranslation();
  if (!validation) return <Text span c="dimmed">{t('reports.validation.pending')}</Text>;
  return <>{t('reports.validation.by', { name: validation.userName, date: formatDateTime(validation.at) })}</>;
}

interface FinalStateProps {
  evaluationRef: EvaluationRef;
  report: Report;
  finalRender: Report['latestRender'];
  versionNumber: number | null;
  onRefresh: () => void;
}

/** Both have validated: the final render's progress, then the version it made. */
function FinalState({ evaluationRef, report, finalRender, versionNumber, onRefresh }: FinalStateProps) {
  const { t } = useTranslation();
  const progress = useRenderProgress(evaluationRef, versionNumber === null ? finalRender : null);
  const render = progress.data ?? finalRender;
  const done = render?.status === 'done';
  // The version is stored with the render: read the report again to list it.
  useEffect(() => {
    if (done && versionNumber === null) onRefresh();
  }, [done, versionNumber, onRefresh]);

  if (versionNumber !== null) {
    return (
      <Alert color="green" variant="light" role="status">
        {t('reports.validation.finalDone', { number: versionNumber })}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('reports.validation.final')}
      </Text>
      {render && <RenderState render={render} pdfUrl={null} currentRevision={report.revision} />}
    </Stack>
  );
}
