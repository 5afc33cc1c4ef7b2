/**
 * /r/:token/mes-reponses — a respondent with a personal link sees what is kept of their answers
 * (the answers in the questionnaire, read-only; the name kept with them; until when) and may
 * erase them, until the evaluation is closed. No account: the link is the key.
 */
import { Alert, Button, Group, List, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { respondApi, type AnswersFinalProblem, type MyAnswers } from '../../api/respond-api';
import { currentLocale } from '../../app/i18n/i18n';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeError } from '../../components/errors';
import { formatDate } from '../../components/format';
import { PageLoader } from '../../components/page-loader';
import { SurveyFrame } from '../../components/survey/survey-frame';
import { createSurveyModel } from '../../components/survey/survey-model';
import { clearDraft } from './local-draft';
import { RespondLayout } from './respond-layout';
import { LoadFailedPanel, StatusPanel } from './status-panel';

export function MyAnswersPage() {
  const { token = '' } = useParams();
  const locale = currentLocale();
  const query = useQuery({
    queryKey: ['respond', token, 'mine', locale],
    queryFn: () => respondApi.myAnswers(token, locale),
    gcTime: 0,
    retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
  });
  let content;
  if (query.isPending) content = <PageLoader />;
  else if (query.isError) content = <MineError error={query.error} onRetry={() => void query.refetch()} />;
  else content = <Mine token={token} mine={query.data} />;
  return <RespondLayout>{content}</RespondLayout>;
}

function MineError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (error instanceof ApiError) {
    if (error.code === 'answers-final') {
      const retainedUntil = (error.problem as AnswersFinalProblem).retainedUntil;
      return (
        <StatusPanel title={t('respond.mine.finalTitle')} tone="neutral">
          <Text>{t('respond.mine.finalText')}</Text>
          {retainedUntil && <Text>{t('respond.mine.finalRetained', { date: formatDate(retainedUntil, locale) })}</Text>}
        </StatusPanel>
      );
    }
    if (error.code === 'link-invalid') {
      return (
        <StatusPanel title={t('respond.errors.invalidTitle')} tone="warning">
          <Text>{t('respond.errors.invalidText')}</Text>
        </StatusPanel>
      );
    }
    if (error.status === 404) {
      return (
        <StatusPanel title={t('respond.mine.sharedTitle')} tone="neutral">
          <Text>{t('respond.mine.sharedText')}</Text>
        </StatusPanel>
      );
    }
  }
  return <LoadFailedPanel error={error} onRetry={onRetry} />;
}

function Mine({ token, mine }: { token: string; mine: MyAnswers }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [erased, setErased] = useState(false);
  const erase = useMutation({
    mutationFn: () => respondApi.eraseMyAnswers(token),
    onSuccess: () => {
      // Nothing of the answers stays on this device either.
      clearDraft(token);
      setConfirming(false);
      setErased(true);
      queryClient.removeQueries({ queryKey: ['respond', token] });
    },
  });
  const context = `${mine.evaluation.organizationName} · ${mine.evaluation.title}`;
  const collecting = mine.evaluation.status === 'collecting';

  if (erased) {
    return (
      <StatusPanel title={t('respond.mine.erased')} context={context} tone="success">
        <Text>{t('respond.mine.retained', { date: formatDate(mine.evaluation.retainedUntil, locale) })}</Text>
        {collecting && (
          <Button component={Link} to={`/r/${encodeURIComponent(token)}`} variant="default" w="fit-content">
            {t('respond.mine.answerAgain')}
          </Button>
        )}
      </StatusPanel>
    );
  }

  const submission = mine.submission;
  return (
    <StatusPanel title={t('respond.mine.title')} context={context}>
      <Text>{t('respond.mine.intro')}</Text>
      <List spacing={4}>
        <List.Item>{t('respond.mine.group', { group: mine.groupLabel[locale] })}</List.Item>
        {submission && (
          <List.Item>
            {submission.status === 'submitted' && submission.submittedAt
              ? t('respond.mine.submitted', { date: formatDate(submission.submittedAt, locale) })
              : t('respond.mine.partial', { date: formatDate(submission.updatedAt, locale) })}
          </List.Item>
        )}
        {submission && <List.Item>{submission.respondentName ? t('respond.mine.name', { name: submission.respondentName }) : t('respond.mine.noName')}</List.Item>}
        {submission?.consentAt && <List.Item>{t('respond.mine.consent', { date: formatDate(submission.consentAt, locale) })}</List.Item>}
        <List.Item>{t('respond.mine.retained', { date: formatDate(mine.evaluation.retainedUntil, locale) })}</List.Item>
      </List>
      {submission ? (
        <>
          <Group>
            <Button color="red" variant="outline" onClick={() => setConfirming(true)} w="fit-content">
              {t('respond.mine.erase')}
            </Button>
            {collecting && submission.status !== 'submitted' && (
              <Button component={Link} to={`/r/${encodeURIComponent(token)}`} variant="default">
                {t('respond.mine.back')}
              </Button>
            )}
          </Group>
          {erase.isError && (
            <Alert color="red" variant="light" role="alert">
              {describeError(erase.error, t)}
            </Alert>
          )}
          <Title order={2} fz="lg">
            {t('respond.mine.answersTitle')}
          </Title>
          <ReadOnlyAnswers mine={mine} data={submission.data} />
        </>
      ) : (
        <Text>{t('respond.mine.nothing')}</Text>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('respond.mine.eraseTitle')}
        message={t('respond.mine.eraseWarning')}
        confirmLabel={t('respond.mine.eraseConfirm')}
        loading={erase.isPending}
        onConfirm={() => erase.mutate()}
        onClose={() => setConfirming(false)}
      />
    </StatusPanel>
  );
}

/** The questionnaire with the answers in it, every page at once, nothing editable. */
function ReadOnlyAnswers({ mine, data }: { mine: MyAnswers; data: Record<string, unknown> }) {
  const locale = currentLocale();
  const model = useMemo(() => {
    const survey = createSurveyModel(mine.questionnaire, locale);
    survey.mode = 'display';
    survey.questionsOnPageMode = 'singlePage';
    survey.showProgressBar = false;
    survey.showCompletePage = false;
    survey.data = data;
    return survey;
  }, [mine.questionnaire, data, locale]);
  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);
  return (
    <div className="respond-survey respond-survey-readonly">
      <SurveyFrame model={model} />
    </div>
  );
}
