import { Anchor, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { Evaluation } from '../../api/evaluations-api';
import type { SessionWorkspace } from '../../api/types';
import { NotFoundContent } from '../../app/not-found-page';
import { IconArrowLeft } from '../../components/icons';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { useOrganization } from '../organizations/use-organizations';
import { organizationRoleIn } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { CollectionTab } from './collection-tab';
import { DesignTab } from './design-tab';
import { evaluationPermissions } from './evaluation-permissions';
import { StatusBadge, formatDay } from './evaluation-labels';
import { ExportTab } from './export-tab';
import { ResponsesTab } from './responses-tab';
import { useEvaluation, type EvaluationRef } from './use-evaluations';
import './evaluations.css';

type Tab = 'design' | 'collection' | 'analysis' | 'verbatims' | 'report' | 'responses' | 'export';

// The dashboard brings chart.js, the verbatims and the report their own screens: each loads with its tab only.
const AnalysisTab = lazy(async () => ({ default: (await import('../analysis/analysis-tab')).AnalysisTab }));
const VerbatimsTab = lazy(async () => ({ default: (await import('../verbatims/verbatims-tab')).VerbatimsTab }));
const ReportTab = lazy(async () => ({ default: (await import('../reports/report-tab')).ReportTab }));

export function EvaluationPage() {
  const workspace = useCurrentWorkspace();
  const { organizationId = '', evaluationId = '' } = useParams();
  const ref: EvaluationRef = { workspaceId: workspace.id, organizationId, evaluationId };
  const evaluation = useEvaluation(ref);

  if (evaluation.isPending) return <PageLoader />;
  if (evaluation.isError) {
    if (isApiError(evaluation.error) && evaluation.error.status === 404) return <NotFoundContent />;
    return <QueryError error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  }
  return <EvaluationView workspace={workspace} evaluationRef={ref} evaluation={evaluation.data} />;
}

function EvaluationView({ workspace, evaluationRef, evaluation }: { workspace: SessionWorkspace; evaluationRef: EvaluationRef; evaluation: Evaluation }) {
  const { t } = useTranslation();
  const organization = useOrganization(workspace.id, evaluationRef.organizationId);
  const organizationRole = organizationRoleIn(workspace, evaluationRef.organizationId);
  const [params, setParams] = useSearchParams();

  const available: Tab[] = [
    'design',
    ...(evaluationPermissions.seeCounts(workspace.role, organizationRole) ? (['collection'] as const) : []),
    // Whoever reads the evaluation reads its dashboard and verbatims (the board included): the API withholds what is under k.
    'analysis',
    'verbatims',
    // Writers get the editor, every other reader the validated versions only.
    'report',
    ...(evaluationPermissions.seeSubmissions(workspace.role) ? (['responses'] as const) : []),
    ...(evaluationPermissions.manage(workspace.role) ? (['export'] as const) : []),
  ];
  const asked = params.get('tab');
  const tab: Tab = available.find((candidate) => candidate === asked) ?? 'design';
  const organizationPath = `/w/${workspace.id}/organizations/${evaluationRef.organizationId}`;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={organizationPath} size="sm" className="back-link">
          <IconArrowLeft size={16} />
          {organization.data ? t('evaluations.page.back', { name: organization.data.name }) : t('evaluations.page.backFallback')}
        </Anchor>
        <PageTitle mt="xs">{evaluation.title}</PageTitle>
        <div className="evaluation-meta">
          <StatusBadge status={evaluation.status} />
          <Text c="dimmed" size="sm">
            {t('evaluations.dates', { opens: formatDay(evaluation.opensAt), closes: formatDay(evaluation.closesAt) })}
          </Text>
          <Text c="dimmed" size="sm">
            {t('evaluations.frameworkVersionShort', { number: evaluation.frameworkVersionNumber })}
          </Text>
        </div>
      </div>

      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'design' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('evaluations.page.tabsLabel')}>
          {available.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {value === 'analysis' || value === 'verbatims'
                ? t(`analysis.tabs.${value}`)
                : value === 'report'
                  ? t('reports.tab')
                  : t(`evaluations.page.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="design" pt="md">
          <DesignTab evaluationRef={evaluationRef} evaluation={evaluation} workspace={workspace} organizationRole={organizationRole} />
        </Tabs.Panel>
        {available.includes('collection') && (
          <Tabs.Panel value="collection" pt="md">
            <CollectionTab evaluationRef={evaluationRef} evaluation={evaluation} workspace={workspace} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="analysis" pt="md">
          <Suspense fallback={<PageLoader />}>
            <AnalysisTab evaluationRef={evaluationRef} evaluation={evaluation} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="verbatims" pt="md">
          <Suspense fallback={<PageLoader />}>
            <VerbatimsTab
              workspaceId={evaluationRef.workspaceId}
              organizationId={evaluationRef.organizationId}
              evaluationId={evaluationRef.evaluationId}
              canEdit={evaluationPermissions.coDesign(workspace.role, organizationRole)}
            />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <Suspense fallback={<PageLoader />}>
            <ReportTab evaluationRef={evaluationRef} evaluation={evaluation} workspace={workspace} organizationRole={organizationRole} />
          </Suspense>
        </Tabs.Panel>
        {available.includes('responses') && (
          <Tabs.Panel value="responses" pt="md">
            <ResponsesTab evaluationRef={evaluationRef} evaluation={evaluation} workspace={workspace} />
          </Tabs.Panel>
        )}
        {available.includes('export') && (
          <Tabs.Panel value="export" pt="md">
            <ExportTab evaluationRef={evaluationRef} evaluation={evaluation} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
