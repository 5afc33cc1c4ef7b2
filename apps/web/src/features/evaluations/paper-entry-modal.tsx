import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../api/evaluations-api';
import type { Locale } from '../../api/types';
import { currentLocale } from '../../app/i18n/i18n';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { groupLabel } from '../frameworks/framework-labels';
import { ProblemAlert, problemSentence, type ProblemSentence } from './evaluation-errors';
import { evaluationKeys } from './query-keys';
import { useCollectionApi, useQuestionnaire, type EvaluationRef } from './use-evaluations';

// survey-core's renderer and styles load only when a paper questionnaire is typed in.
const PaperSurvey = lazy(() => import('./paper-survey'));

/**
 * A v4 UUID for the entry, so a retry (double click, lost answer) finds the same submission.
 * crypto.randomUUID exists only in secure contexts; getRandomValues everywhere.
 */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The facilitator types in a questionnaire answered on paper; it is stored as submitted, channel "paper". */
export function PaperEntryModal({ evaluationRef, evaluation, onClose }: { evaluationRef: EvaluationRef; evaluation: Evaluation; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const client = useCollectionApi(evaluationRef);
  const [groupKey, setGroupKey] = useState<StakeholderGroupKey>(evaluation.groups[0]?.groupKey ?? 'self_assessment');
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [respondentName, setRespondentName] = useState('');
  // One id per paper copy: kept across retries, renewed for the next copy.
  const [clientId, setClientId] = useState(newClientId);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<ProblemSentence>();
  const questionnaire = useQuestionnaire(evaluationRef, groupKey, locale);
  const anonymous = evaluation.groups.find((g) => g.groupKey === groupKey)?.anonymity === 'anonymous';
  const { workspaceId, organizationId, evaluationId } = evaluationRef;

  async function save(data: Record<string, unknown>): Promise<void> {
    setProblem(undefined);
    try {
      await client.enterPaper({ groupKey, clientId, data, locale, ...(!anonymous && respondentName.trim() ? { respondentName: respondentName.trim() } : {}) });
    } catch (error) {
      setProblem(problemSentence(error, t));
      throw error;
    }
    setSaved(true);
    notifySuccess(t('evaluations.responses.paper.saved'));
    void queryClient.invalidateQueries({ queryKey: evaluationKeys.submissions(workspaceId, organizationId, evaluationId) });
    void queryClient.invalidateQueries({ queryKey: evaluationKeys.collection(workspaceId, organizationId, evaluationId) });
  }

  function another() {
    setClientId(newClientId());
    setRespondentName('');
    setSaved(false);
    setProblem(undefined);
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('evaluations.responses.paper.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={window.matchMedia('(max-width: 48em)').matches}
    >
      <Stack gap="md">
        {saved ? (
          <>
            <Alert color="green" variant="light" role="status">
              {t('evaluations.responses.paper.saved')}
            </Alert>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.close')}
              </Button>
              <Button onClick={another}>{t('evaluations.responses.paper.another')}</Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{t('evaluations.responses.paper.intro')}</Text>
            <Group gap="md" align="flex-start" wrap="wrap">
              <NativeSelect
                label={t('evaluations.responses.paper.group')}
                value={groupKey}
                data={evaluation.groups.map((g) => ({ value: g.groupKey, label: groupLabel(g.groupKey) }))}
                onChange={(event) => setGroupKey(event.currentTarget.value as StakeholderGroupKey)}
                data-autofocus
              />
              <NativeSelect
                label={t('evaluations.responses.paper.language')}
                value={locale}
                data={[
                  { value: 'fr', label: t('language.fr') },
                  { value: 'en', label: t('language.en') },
                ]}
                onChange={(event) => setLocale(event.currentTarget.value as Locale)}
              />
              {anonymous ? (
                <Text size="sm" c="dimmed" mt={28}>
                  {t('evaluations.responses.paper.anonymousHint')}
                </Text>
              ) : (
                <TextInput
                  label={t('evaluations.responses.paper.respondentName')}
                  description={t('evaluations.responses.paper.respondentNameHint')}
                  value={respondentName}
                  maxLength={200}
                  onChange={(event) => setRespondentName(event.currentTarget.value)}
                />
              )}
            </Group>
            {problem && <ProblemAlert problem={problem} />}
            {questionnaire.isPending ? (
              <PageLoader />
            ) : questionnaire.isError ? (
              <QueryError error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />
            ) : questionnaire.data.questions.length === 0 ? (
              <Text c="dimmed">{t('evaluations.responses.paper.noQuestions')}</Text>
            ) : (
              <Suspense fallback={<PageLoader />}>
                <PaperSurvey
                  key={`${groupKey}-${clientId}`}
                  survey={questionnaire.data.survey}
                  locale={locale}
                  completeText={t('evaluations.responses.paper.submit')}
                  onSave={save}
                />
              </Suspense>
            )}
          </>
        )}
      </Stack>
    </Modal>
  );
}
