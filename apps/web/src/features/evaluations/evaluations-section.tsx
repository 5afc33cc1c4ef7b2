import { Anchor, Button, Progress, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Evaluation } from '../../api/evaluations-api';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';
import type { OrganizationRole, SessionWorkspace } from '../../api/types';
import { IconPlus } from '../../components/icons';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { CreateEvaluationModal } from './create-evaluation-modal';
import { evaluationPermissions } from './evaluation-permissions';
import { StatusBadge, formatDay, formatRate } from './evaluation-labels';
import { useCollectionOverview, useEvaluations } from './use-evaluations';
import './evaluations.css';

/** The organization page's list of its evaluations, and where a facilitator starts a new one. */
export function EvaluationsSection({
  workspace,
  organizationId,
  organizationRole,
}: {
  workspace: SessionWorkspace;
  organizationId: string;
  organizationRole: OrganizationRole | undefined;
}) {
  const { t } = useTranslation();
  const canCreate = evaluationPermissions.manage(workspace.role);
  const evaluations = useEvaluations(workspace.id, organizationId);
  const [creating, createModal] = useDisclosure(false);

  return (
    <Section
      title={t('evaluations.title')}
      description={t('evaluations.sectionIntro')}
      actions={
        canCreate && (
          <Button leftSection={<IconPlus />} onClick={createModal.open}>
            {t('evaluations.create')}
          </Button>
        )
      }
    >
      {evaluations.isPending ? (
        <PageLoader />
      ) : evaluations.isError ? (
        <QueryError error={evaluations.error} onRetry={() => void evaluations.refetch()} />
      ) : evaluations.data.length === 0 ? (
        <Text c="dimmed">{canCreate ? t('evaluations.emptyManager') : t('evaluations.empty')}</Text>
      ) : (
        <EvaluationTable workspace={workspace} organizationId={organizationId} organizationRole={organizationRole} evaluations={evaluations.data} />
      )}
      {canCreate && <CreateEvaluationModal workspaceId={workspace.id} organizationId={organizationId} opened={creating} onClose={createModal.close} />}
    </Section>
  );
}

function EvaluationTable({
  workspace,
  organizationId,
  organizationRole,
  evaluations,
}: {
  workspace: SessionWorkspace;
  organizationId: string;
  organizationRole: OrganizationRole | undefined;
  evaluations: Evaluation[];
}) {
  const { t } = useTranslation();
  // Framework names are the network's; organization members see the version number only.
  const readFrameworks = evaluationPermissions.readFrameworks(workspace.role);
  const frameworks = useQuery({
    queryKey: queryKeys.frameworks(workspace.id),
    queryFn: () => frameworksApi.list(workspace.id),
    enabled: readFrameworks,
  });
  const seeCounts = evaluationPermissions.seeCounts(workspace.role, organizationRole);
  const frameworkName = (id: string) => (readFrameworks ? frameworks.data?.find((f) => f.id === id)?.name : undefined);

  return (
    <div className="table-scroll">
      <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('evaluations.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('evaluations.columns.title')}</Table.Th>
            <Table.Th scope="col">{t('evaluations.columns.status')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('evaluations.columns.dates')}
            </Table.Th>
            <Table.Th scope="col" visibleFrom="md">
              {t('evaluations.columns.framework')}
            </Table.Th>
            {seeCounts && <Table.Th scope="col">{t('evaluations.columns.responses')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evaluations.map((evaluation) => {
            const name = frameworkName(evaluation.frameworkId);
            const dates = t('evaluations.dates', { opens: formatDay(evaluation.opensAt), closes: formatDay(evaluation.closesAt) });
            return (
              <Table.Tr key={evaluation.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/w/${workspace.id}/organizations/${organizationId}/evaluations/${evaluation.id}`} fw={500} className="cell-break-evaluation">
                    {evaluation.title}
                  </Anchor>
                  <Text size="sm" c="dimmed" hiddenFrom="sm">
                    {dates}
                  </Text>
                </Table.Td>
                <Table.Td className="nowrap-cell">
                  <StatusBadge status={evaluation.status} />
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{dates}</Text>
                </Table.Td>
                <Table.Td visibleFrom="md">
                  <Text size="sm">
                    {name
                      ? t('evaluations.frameworkVersion', { name, number: evaluation.frameworkVersionNumber })
                      : t('evaluations.frameworkVersionShort', { number: evaluation.frameworkVersionNumber })}
                  </Text>
                </Table.Td>
                {seeCounts && (
                  <Table.Td>
                    {evaluation.status === 'collecting' ? (
                      <ResponseRate workspaceId={workspace.id} organizationId={organizationId} evaluation={evaluation} />
                    ) : (
                      <Text size="sm" c="dimmed" aria-hidden="true">
                        —
                      </Text>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** The collecting evaluation's overall response rate, polled while it is shown. */
function ResponseRate({ workspaceId, organizationId, evaluation }: { workspaceId: string; organizationId: string; evaluation: Evaluation }) {
  const { t } = useTranslation();
  const overview = useCollectionOverview({ workspaceId, organizationId, evaluationId: evaluation.id }, { live: true });
  if (!overview.data) return null;
  const { submitted, expected } = overview.data.totals;
  const rate = expected > 0 ? submitted / expected : null;
  return (
    <Stack gap={4} miw={140}>
      <Text size="sm">
        {rate === null
          ? t('evaluations.responseCount', { submitted, count: expected })
          : t('evaluations.responseRate', { submitted, count: expected, rate: formatRate(rate) })}
      </Text>
      {rate !== null && <Progress value={Math.min(100, rate * 100)} size="sm" aria-hidden="true" />}
    </Stack>
  );
}
