import { Alert, Group, NativeSelect, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { workspaceRoleAtLeast } from '#domain/roles';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../api/evaluations-api';
import { isReportProblem, type Report, type ValidationCapacity } from '../../api/reports-api';
import type { Locale, OrganizationRole, SessionWorkspace } from '../../api/types';
import { isLocale } from '../../app/i18n/i18n';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useIsWide } from '../../components/use-is-wide';
import { useAnalysis } from '../analysis/use-analysis';
import { useCurrentSession } from '../auth/use-session';
import { evaluationPermissions } from '../evaluations/evaluation-permissions';
import type { EvaluationRef } from '../evaluations/use-evaluations';
import { RenderPanel } from './render-panel';
import { reportProblem } from './report-errors';
import { SectionEditor, type ChartChoices } from './section-editor';
import { chartGroups } from './section-pickers';
import { awaitsFinalVersion, useReport, useReportCache, useReportVersions, useReportsApi } from './use-report';
import type { SaveStatusKind } from './use-section-autosave';
import { ValidationPanel } from './validation-panel';
import { VersionsList } from './versions-list';
import './reports.css';

interface ReportTabProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  workspace: SessionWorkspace;
  organizationRole: OrganizationRole | undefined;
}

/**
 * The evaluation's report. Its writers (the network's facilitators, the organization's contact)
 * write it section by section, render drafts, validate it; everyone else who reads the
 * evaluation (the board, the network's viewers) sees only the validated versions.
 */
export function ReportTab({ evaluationRef, evaluation, workspace, organizationRole }: ReportTabProps) {
  if (!evaluationPermissions.writeReport(workspace.role, organizationRole)) return <ReportReader evaluationRef={evaluationRef} />;
  const capacities: ValidationCapacity[] = [
    ...(workspace.role !== null && workspaceRoleAtLeast(workspace.role, 'facilitator') ? (['facilitator'] as const) : []),
    ...(organizationRole === 'contact' ? (['contact'] as const) : []),
  ];
  return <ReportWriter evaluationRef={evaluationRef} evaluation={evaluation} capacities={capacities} />;
}

function ReportReader({ evaluationRef }: { evaluationRef: EvaluationRef }) {
  const { t } = useTranslation();
  const versions = useReportVersions(evaluationRef);
  const client = useReportsApi(evaluationRef);
  if (versions.isPending) return <PageLoader />;
  if (versions.isError) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  return (
    <Stack gap="lg">
      <Text>{t('reports.reader.intro')}</Text>
      <VersionsList versions={versions.data} pdfUrl={client.versionPdfUrl} />
    </Stack>
  );
}

function ReportWriter({ evaluationRef, evaluation, capacities }: { evaluationRef: EvaluationRef; evaluation: Evaluation; capacities: ValidationCapacity[] }) {
  const report = useReport(evaluationRef, { refetchInterval: (data) => (awaitsFinalVersion(data) ? 1000 : false) });
  if (report.isPending) return <PageLoader />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  return <ReportWorkspace evaluationRef={evaluationRef} evaluation={evaluation} capacities={capacities} report={report.data} />;
}

interface ReportWorkspaceProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  capacities: ValidationCapacity[];
  report: Report;
}

function ReportWorkspace({ evaluationRef, evaluation, capacities, report }: ReportWorkspaceProps) {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const client = useReportsApi(evaluationRef);
  const cache = useReportCache(evaluationRef);
  const wide = useIsWide();
  const titleId = useId();
  const analysis = useAnalysis(evaluationRef);
  const [active, setActive] = useState<string | null>(report.sections[0]?.key ?? null);
  const [states, setStates] = useState<Record<string, SaveStatusKind>>({});

  const onStatus = useCallback(
    (key: string, kind: SaveStatusKind) => setStates((previous) => (previous[key] === kind ? previous : { ...previous, [key]: kind })),
    [],
  );
  const hasUnsaved = Object.values(states).some((kind) => kind !== 'saved');

  const charts = useMemo<ChartChoices>(() => {
    if (analysis.isPending) return { state: 'pending' };
    if (analysis.isError) return { state: 'error', error: analysis.error, retry: () => void analysis.refetch() };
    return { state: 'ready', groups: chartGroups(analysis.data, report.locale) };
    // `analysis` is a new object on every render; its data and status say when the choices change.
  }, [analysis.data, analysis.status, report.locale]);

  const groups = evaluation.groups.map((g) => g.groupKey);
  const [localeProblem, setLocaleProblem] = useState<string>();
  const setLocale = useMutation({
    mutationFn: async (locale: Locale) => {
      try {
        return await client.setLocale(locale, report.revision);
      } catch (error) {
        // Someone saved in between: the language is one field, the latest choice wins.
        if (!isReportProblem(error, 'report-conflict') && !isReportProblem(error, 'conflict')) throw error;
        const fresh = await client.get();
        return client.setLocale(locale, fresh.revision);
      }
    },
    onSuccess: (updated) => {
      setLocaleProblem(undefined);
      cache.setReport(updated);
      notifySuccess(t('reports.language.changed', { language: t(`reports.language.${updated.locale}`).toLowerCase() }));
    },
    onError: (error) => setLocaleProblem(reportProblem(error, t)),
  });

  const stateLabel = (kind: SaveStatusKind | undefined) =>
    kind === 'conflict' ? t('reports.nav.conflict') : kind === 'error' ? t('reports.nav.error') : kind && kind !== 'saved' ? t('reports.nav.unsaved') : null;

  return (
    <Stack gap="lg">
      <Paper component="section" aria-labelledby={titleId} p={{ base: 'md', sm: 'lg' }}>
        <Group justify="space-between" align="flex-start" gap="md">
          <div className="report-intro">
            <Title order={2} id={titleId}>
              {t('reports.title')}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('reports.intro')}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('reports.revision', { revision: report.revision })}
            </Text>
          </div>
          <NativeSelect
            label={t('reports.language.label')}
            description={t('reports.language.hint')}
            value={report.locale}
            disabled={setLocale.isPending}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isLocale(value) && value !== report.locale) setLocale.mutate(value);
            }}
            data={[
              { value: 'fr', label: t('reports.language.fr') },
              { value: 'en', label: t('reports.language.en') },
            ]}
            className="report-language"
          />
        </Group>
        {localeProblem && (
          <Alert color="red" variant="light" role="alert" mt="sm">
            {localeProblem}
          </Alert>
        )}
      </Paper>

      <Paper p={{ base: 'sm', sm: 'lg' }}>
        <Tabs
          value={active}
          onChange={setActive}
          orientation={wide ? 'vertical' : 'horizontal'}
          variant={wide ? 'pills' : 'default'}
          // Every section stays mounted and live (its autosave, its timers), only the chosen one shown.
          keepMounted
          keepMountedMode="display-none"
          className="report-tabs"
        >
          <Tabs.List aria-label={t('reports.nav.label')} className="report-nav">
            {report.sections.map((section) => {
              const state = stateLabel(states[section.key]);
              return (
                <Tabs.Tab key={section.key} value={section.key} className="report-nav-tab" data-state={states[section.key] ?? 'saved'}>
                  <span className="report-nav-title">{section.title || t(`reports.kinds.${section.kind}`)}</span>
                  {state && (
                    <>
                      <span className="report-nav-dot" aria-hidden="true" />
                      <span className="visually-hidden"> ({state})</span>
                    </>
                  )}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
          {report.sections.map((section) => (
            <Tabs.Panel key={section.key} value={section.key} className="report-panel">
              <SectionEditor
                evaluationRef={evaluationRef}
                client={client}
                userId={user.id}
                reportId={report.id}
                section={section}
                groups={groups}
                charts={charts}
                onSaved={cache.setSection}
                onStatus={onStatus}
              />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <RenderPanel evaluationRef={evaluationRef} client={client} report={report} hasUnsaved={hasUnsaved} />
        <ValidationPanel
          evaluationRef={evaluationRef}
          evaluation={evaluation}
          client={client}
          report={report}
          userId={user.id}
          capacities={capacities}
          hasUnsaved={hasUnsaved}
          onReport={cache.setReport}
          onRefresh={cache.refresh}
        />
      </SimpleGrid>

      <VersionsList versions={report.versions} pdfUrl={client.versionPdfUrl} />
    </Stack>
  );
}
