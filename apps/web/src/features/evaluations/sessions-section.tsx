import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CollectionGroup } from '../../api/collection-api';
import type { Evaluation } from '../../api/evaluations-api';
import type { CollectiveSession } from '../../api/sessions-api';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { groupLabel } from '../frameworks/framework-labels';
import { OpenSessionButton } from '../sessions/open-session-modal';
import { formatDateTime } from './evaluation-labels';
import { useSessions, type EvaluationRef } from './use-evaluations';

/** The evaluation's collective sessions, and where a facilitator opens one for a group (the sessions feature's dialog). */
export function SessionsSection({ evaluationRef, evaluation, groups }: { evaluationRef: EvaluationRef; evaluation: Evaluation; groups: CollectionGroup[] }) {
  const { t } = useTranslation();
  const live = evaluation.status === 'collecting';
  const sessions = useSessions(evaluationRef, { live, enabled: true });
  const sessionPath = (session: CollectiveSession) =>
    `/w/${evaluationRef.workspaceId}/organizations/${evaluationRef.organizationId}/evaluations/${evaluationRef.evaluationId}/sessions/${session.id}`;

  return (
    <Section
      title={t('evaluations.collection.sessions.title')}
      description={t('evaluations.collection.sessions.intro')}
      actions={
        <OpenSessionButton
          workspaceId={evaluationRef.workspaceId}
          organizationId={evaluationRef.organizationId}
          evaluationId={evaluationRef.evaluationId}
          groups={groups}
          disabled={!live}
        />
      }
    >
      {!live && (
        <Text size="sm" c="dimmed">
          {t('evaluations.collection.sessions.onlyCollecting')}
        </Text>
      )}
      {sessions.isPending ? (
        <PageLoader />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('evaluations.collection.sessions.none')}
        </Text>
      ) : (
        <div className="table-scroll">
          <Table verticalSpacing="xs" aria-label={t('evaluations.collection.sessions.title')}>
            <Table.Tbody>
              {sessions.data.map((session) => {
                const name = session.title ?? groupLabel(session.groupKey);
                return (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {groupLabel(session.groupKey)} · {formatDateTime(session.openedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={session.status === 'open' ? 'green' : 'gray'} radius="sm">
                        {session.status === 'open' ? t('evaluations.collection.sessions.openStatus') : t('evaluations.collection.sessions.closedStatus')}
                      </Badge>
                      {session.status === 'open' && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {t('evaluations.collection.sessions.code', { code: session.code })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('evaluations.collection.sessions.counts', {
                          submitted: session.counts.submitted,
                          answering: session.counts.answering,
                          joined: session.counts.joined,
                        })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={sessionPath(session)} size="sm" aria-label={t('evaluations.collection.sessions.showLabel', { name })}>
                        {t('evaluations.collection.sessions.show')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Section>
  );
}
