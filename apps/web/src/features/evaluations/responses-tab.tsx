import { Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea } from '@mantine/core';
import type { SubmissionStatus } from '#domain/collection';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../api/collection-api';
import type { Evaluation } from '../../api/evaluations-api';
import type { SessionWorkspace } from '../../api/types';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { groupLabel } from '../frameworks/framework-labels';
import { ProblemAlert, problemSentence, type ProblemSentence } from './evaluation-errors';
import { channelLabel, formatDateTime } from './evaluation-labels';
import { PaperEntryModal } from './paper-entry-modal';
import { evaluationKeys } from './query-keys';
import { useCollectionApi, useSubmissions, type EvaluationRef } from './use-evaluations';

const REASON_MAX_LENGTH = 500;

interface TabProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  workspace: SessionWorkspace;
}

type Filter = { groupKey?: StakeholderGroupKey; status?: SubmissionStatus };
type Decision = { action: 'exclude' | 'restore'; submission: SubmissionSummary };

/** The submissions received, excluded and restored with a reason, and paper questionnaires typed in. */
export function ResponsesTab({ evaluationRef, evaluation }: TabProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>({});
  const submissions = useSubmissions(evaluationRef, filter, evaluation.status === 'collecting');
  const [decision, setDecision] = useState<Decision>();
  const [entering, setEntering] = useState(false);
  // Late paper copies are still typed in during the analysis (the API's rule).
  const canEnterPaper = evaluation.status === 'collecting' || evaluation.status === 'analysing';
  const showNames = submissions.data?.some((s) => s.respondentName !== null) ?? false;

  return (
    <Section
      title={t('evaluations.page.tabs.responses')}
      description={t('evaluations.responses.intro')}
      actions={
        canEnterPaper && (
          <Button variant="light" onClick={() => setEntering(true)}>
            {t('evaluations.responses.paper.open')}
          </Button>
        )
      }
    >
      <Group gap="md" align="flex-end">
        <NativeSelect
          label={t('evaluations.responses.filterGroup')}
          value={filter.groupKey ?? ''}
          data={[
            { value: '', label: t('evaluations.responses.allGroups') },
            ...evaluation.groups.map((g) => ({ value: g.groupKey, label: groupLabel(g.groupKey) })),
          ]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setFilter((current) => ({ ...current, groupKey: value ? (value as StakeholderGroupKey) : undefined }));
          }}
        />
        <NativeSelect
          label={t('evaluations.responses.filterStatus')}
          value={filter.status ?? ''}
          data={[
            { value: '', label: t('evaluations.responses.allStatuses') },
            { value: 'submitted', label: t('evaluations.submissionStatus.submitted') },
            { value: 'partial', label: t('evaluations.submissionStatus.partial') },
          ]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setFilter((current) => ({ ...current, status: value ? (value as SubmissionStatus) : undefined }));
          }}
        />
      </Group>

      {submissions.isPending ? (
        <PageLoader />
      ) : submissions.isError ? (
        <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />
      ) : submissions.data.length === 0 ? (
        <Text c="dimmed">{t('evaluations.responses.none')}</Text>
      ) : (
        <div className="table-scroll">
          <Table verticalSpacing="xs" aria-label={t('evaluations.responses.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('evaluations.responses.columns.group')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.responses.columns.channel')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.responses.columns.status')}</Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('evaluations.responses.columns.started')}
                </Table.Th>
                <Table.Th scope="col">{t('evaluations.responses.columns.submitted')}</Table.Th>
                {showNames && <Table.Th scope="col">{t('evaluations.responses.columns.respondent')}</Table.Th>}
                <Table.Th scope="col" visibleFrom="sm">
                  {t('evaluations.responses.columns.answers')}
                </Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.data.map((submission) => (
                <SubmissionRow key={submission.id} submission={submission} showNames={showNames} onDecide={(action) => setDecision({ action, submission })} />
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}

      {decision && <ReasonModal evaluationRef={evaluationRef} decision={decision} onClose={() => setDecision(undefined)} />}
      {entering && <PaperEntryModal evaluationRef={evaluationRef} evaluation={evaluation} onClose={() => setEntering(false)} />}
    </Section>
  );
}

function SubmissionRow({ submission, showNames, onDecide }: { submission: SubmissionSummary; showNames: boolean; onDecide: (action: Decision['action']) => void }) {
  const { t } = useTranslation();
  const group = groupLabel(submission.groupKey);
  const date = formatDateTime(submission.submittedAt ?? submission.startedAt);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{group}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{channelLabel(submission.channel, t)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge variant="light" color={submission.status === 'submitted' ? 'green' : 'yellow'} radius="sm">
            {t(`evaluations.submissionStatus.${submission.status}`)}
          </Badge>
          {submission.excluded && (
            <Badge variant="filled" color="gray" radius="sm">
              {t('evaluations.responses.excludedBadge')}
            </Badge>
          )}
        </Group>
        {submission.excluded && (
          <Text size="xs" c="dimmed" className="cell-break-evaluation">
            {t('evaluations.responses.excludedReason', { reason: submission.excluded.reason })}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <Text size="sm">{formatDateTime(submission.startedAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{submission.submittedAt ? formatDateTime(submission.submittedAt) : '—'}</Text>
      </Table.Td>
      {showNames && (
        <Table.Td className="cell-break-evaluation">
          <Text size="sm">{submission.respondentName ?? ''}</Text>
        </Table.Td>
      )}
      <Table.Td visibleFrom="sm">
        <Text size="sm">{t('evaluations.responses.answerCount', { count: submission.answerCount })}</Text>
      </Table.Td>
      <Table.Td>
        {submission.excluded ? (
          <Button size="compact-sm" variant="subtle" aria-label={t('evaluations.responses.restoreLabel', { date, group })} onClick={() => onDecide('restore')}>
            {t('evaluations.responses.restore')}
          </Button>
        ) : submission.status === 'submitted' ? (
          <Button size="compact-sm" variant="subtle" color="red" aria-label={t('evaluations.responses.excludeLabel', { date, group })} onClick={() => onDecide('exclude')}>
            {t('evaluations.responses.exclude')}
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** Excluding and restoring both need a reason, kept in the audit trail. */
function ReasonModal({ evaluationRef, decision, onClose }: { evaluationRef: EvaluationRef; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const client = useCollectionApi(evaluationRef);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<ProblemSentence>();
  const exclude = decision.action === 'exclude';
  const { workspaceId, organizationId, evaluationId } = evaluationRef;

  const decide = useMutation({
    mutationFn: () => (exclude ? client.exclude(decision.submission.id, reason.trim()) : client.restore(decision.submission.id, reason.trim())),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.submissions(workspaceId, organizationId, evaluationId) });
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.collection(workspaceId, organizationId, evaluationId) });
      notifySuccess(exclude ? t('evaluations.responses.excluded') : t('evaluations.responses.restored'));
      onClose();
    },
    onError: (failure) => setProblem(problemSentence(failure, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    if (!reason.trim()) {
      setError(t('evaluations.responses.reasonRequired'));
      return;
    }
    setError(undefined);
    decide.mutate();
  }

  const title = exclude ? t('evaluations.responses.excludeTitle') : t('evaluations.responses.restoreTitle');
  return (
    <Modal opened onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{exclude ? t('evaluations.responses.excludeIntro') : t('evaluations.responses.restoreIntro')}</Text>
          {problem && <ProblemAlert problem={problem} />}
          <Textarea
            label={t('evaluations.responses.reason')}
            description={t('evaluations.responses.reasonHint')}
            required
            autosize
            minRows={2}
            maxLength={REASON_MAX_LENGTH}
            value={reason}
            error={error}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={exclude ? 'red' : undefined} loading={decide.isPending}>
              {exclude ? t('evaluations.responses.exclude') : t('evaluations.responses.restore')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
