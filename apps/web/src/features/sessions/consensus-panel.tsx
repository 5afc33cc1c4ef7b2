import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { QuestionnaireQuestion, SurveyQuestion } from '#domain/questionnaire';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionKeys, sessionsApi, type ConsensusAnswer } from '../../api/sessions-api';
import type { Locale } from '../../api/types';
import { IconCheck } from '../../components/icons';
import { announce } from '../../components/live-announcer';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { ConsensusAnswerField } from './consensus-answer-field';
import { sessionErrorText } from './session-errors';
import { formatTime, localeOf } from './session-labels';
import { useConsensus, useGroupQuestionnaire, type SessionRef } from './use-sessions';

/** Room for what a group says about its choice (the API's limit). */
const REASONS_MAX_LENGTH = 5000;

/** The group's agreed answers, question by question, in the questionnaire's pages. */
export function ConsensusPanel({ sessionRef, groupKey }: { sessionRef: SessionRef; groupKey: StakeholderGroupKey }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const questionnaire = useGroupQuestionnaire(sessionRef, groupKey, locale, true);
  const consensus = useConsensus(sessionRef, true);

  let body;
  if (questionnaire.isPending || consensus.isPending) body = <PageLoader />;
  else if (questionnaire.isError) body = <QueryError error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />;
  else if (consensus.isError) body = <QueryError error={consensus.error} onRetry={() => void consensus.refetch()} />;
  else {
    const questions = new Map(questionnaire.data.questions.map((question) => [question.key, question]));
    const recorded = new Map(consensus.data.map((answer) => [answer.questionKey, answer]));
    body = (
      <Stack gap="xl">
        <Text size="sm" aria-live="polite">
          {t('sessions.consensus.progress', { recorded: recorded.size, total: questions.size })}
        </Text>
        {questionnaire.data.survey.pages.map((page) => (
          <Stack key={page.name} gap="md" component="section" aria-label={page.title[locale]}>
            <Title order={3}>{page.title[locale]}</Title>
            {page.elements.map((element) => {
              const question = questions.get(element.name);
              return question ? (
                <ConsensusItem key={question.key} sessionRef={sessionRef} question={question} element={element} recorded={recorded.get(question.key)} locale={locale} />
              ) : null;
            })}
          </Stack>
        ))}
      </Stack>
    );
  }

  return (
    <Section title={t('sessions.consensus.heading')} description={t('sessions.consensus.intro')}>
      {body}
    </Section>
  );
}

interface ConsensusItemProps {
  sessionRef: SessionRef;
  question: QuestionnaireQuestion;
  element: SurveyQuestion;
  recorded: ConsensusAnswer | undefined;
  locale: Locale;
}

/** One question: the agreed answer and the reasons, saved together, with what is saved in view. */
function ConsensusItem({ sessionRef, question, element, recorded, locale }: ConsensusItemProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stateId = useId();
  const [value, setValue] = useState<unknown>(recorded?.value);
  const [reasons, setReasons] = useState(recorded?.reasons ?? '');
  const [error, setError] = useState<string>();
  const { workspaceId, organizationId, evaluationId, sessionId } = sessionRef;
  const listKey = sessionKeys.consensus(workspaceId, organizationId, evaluationId, sessionId);
  const title = element.title[locale];

  // What another screen saved reaches this one when the list is refetched, unless this one has unsaved edits.
  const shown = useRef(recorded);
  useEffect(() => {
    if (recorded === shown.current) return;
    const untouched = sameValue(value, shown.current?.value) && reasons === (shown.current?.reasons ?? '');
    shown.current = recorded;
    if (untouched) {
      setValue(recorded?.value);
      setReasons(recorded?.reasons ?? '');
    }
  }, [recorded, value, reasons]);

  const dirty = !sameValue(value, recorded?.value) || reasons !== (recorded?.reasons ?? '');

  const save = useMutation({
    mutationFn: () => sessionsApi.putConsensus(workspaceId, organizationId, evaluationId, sessionId, question.key, { value, reasons }),
    onSuccess: (saved) => {
      setError(undefined);
      // The server trims and normalises the reasons: show what it kept.
      shown.current = saved;
      setValue(saved.value);
      setReasons(saved.reasons);
      queryClient.setQueryData<ConsensusAnswer[]>(listKey, (list = []) => [...list.filter((answer) => answer.questionKey !== saved.questionKey), saved]);
      announce(t('sessions.consensus.savedAnnounce', { question: title }));
    },
    onError: (failure) => setError(sessionErrorText(failure, t)),
  });

  const clear = useMutation({
    mutationFn: () => sessionsApi.removeConsensus(workspaceId, organizationId, evaluationId, sessionId, question.key),
    onSuccess: () => {
      setError(undefined);
      shown.current = undefined;
      setValue(undefined);
      setReasons('');
      queryClient.setQueryData<ConsensusAnswer[]>(listKey, (list = []) => list.filter((answer) => answer.questionKey !== question.key));
      announce(t('sessions.consensus.clearedAnnounce', { question: title }));
    },
    onError: (failure) => setError(sessionErrorText(failure, t)),
  });

  function submit() {
    if (isEmptyValue(value)) {
      setError(t('sessions.consensus.valueRequired'));
      return;
    }
    save.mutate();
  }

  const state = dirty ? 'unsaved' : recorded ? 'saved' : 'empty';
  return (
    <Paper withBorder p="md" component="fieldset" className="consensus-item" aria-describedby={stateId}>
      <legend className="consensus-legend">{title}</legend>
      {element.description && (
        <Text size="sm" c="dimmed" mb="sm">
          {element.description[locale]}
        </Text>
      )}
      <Stack gap="sm">
        <ConsensusAnswerField
          question={question}
          element={element}
          value={value}
          locale={locale}
          onChange={(next) => {
            setError(undefined);
            setValue(next);
          }}
        />
        <Textarea
          label={t('sessions.consensus.reasons')}
          autosize
          minRows={2}
          maxLength={REASONS_MAX_LENGTH}
          value={reasons}
          onChange={(event) => setReasons(event.currentTarget.value)}
        />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="space-between" gap="sm">
          <Text id={stateId} size="sm" c={state === 'unsaved' ? 'orange.9' : state === 'saved' ? 'green.9' : 'dimmed'} className="consensus-state">
            {state === 'saved' && <IconCheck size={16} />}
            {state === 'saved' && recorded
              ? t('sessions.consensus.state.saved', { time: formatTime(recorded.recordedAt, locale) })
              : t(`sessions.consensus.state.${state}`)}
          </Text>
          <Group gap="xs">
            {recorded && (
              <Button variant="subtle" color="red" onClick={() => clear.mutate()} loading={clear.isPending}>
                {t('sessions.consensus.clear')}
              </Button>
            )}
            <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
              {t('sessions.consensus.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
