/**
 * /r/:token — what a respondent sees on opening a link: the evaluation, a short privacy notice,
 * then the questionnaire (SurveyJS, loaded only once the link is known to be good), then thanks.
 * Kiosk mode (`?kiosk=1`, or a link issued to a kiosk) starts over for the next person after each
 * submission.
 */
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Suspense, lazy, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { respondApi, type CollectionClosedProblem, type RespondentView } from '../../api/respond-api';
import { currentLocale } from '../../app/i18n/i18n';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { formatDate } from '../../components/format';
import { KioskNext, KioskStartOver } from './kiosk';
import { clearDraft } from './local-draft';
import { PrivacyNotice, QuestionnaireSize } from './privacy-notice';
import { RespondLayout } from './respond-layout';
import { resolveStart, type Start } from './resume';
import { LoadFailedPanel, StatusPanel } from './status-panel';

const loadRunner = () => import('./questionnaire-runner');
const QuestionnaireRunner = lazy(async () => ({ default: (await loadRunner()).QuestionnaireRunner }));

/** How a respondent's visit ended, when it ends before or instead of the thank-you page. */
export type RespondEnd =
  | { kind: 'thanks' }
  | { kind: 'already-submitted' }
  | { kind: 'link-invalid' }
  | { kind: 'collection-closed'; opensAt?: string; closesAt?: string; personalLink?: boolean }
  | { kind: 'link-full' }
  | { kind: 'link-already-used' };

export function RespondPage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const query = useQuery({
    queryKey: ['respond', token],
    queryFn: () => respondApi.open(token, currentLocale()),
    // Nothing of one respondent's link stays in memory once the page moves on (kiosk).
    gcTime: 0,
    staleTime: Infinity,
    retry: (failures, error) => failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
  });

  let content;
  if (query.isPending) content = <PageLoader />;
  else if (query.isError) content = <OpenError error={query.error} onRetry={() => void query.refetch()} />;
  else content = <RespondFlow key={token} token={token} view={query.data} kiosk={query.data.kiosk || params.get('kiosk') === '1'} />;
  return <RespondLayout>{content}</RespondLayout>;
}

/** The link could not be opened: invalid (one page whatever the reason), not collecting, rate-limited or unreachable. */
function OpenError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  if (error instanceof ApiError) {
    if (error.code === 'link-invalid' || error.status === 404) return <EndPage end={{ kind: 'link-invalid' }} />;
    if (error.code === 'collection-closed') {
      const problem = error.problem as CollectionClosedProblem;
      return <EndPage token={token} end={{ kind: 'collection-closed', opensAt: problem.opensAt, closesAt: problem.closesAt, personalLink: problem.personalLink }} />;
    }
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return (
        <StatusPanel title={t('respond.errors.tooManyTitle')} tone="warning">
          <Text>{t('respond.errors.tooManyText', { count: minutes })}</Text>
        </StatusPanel>
      );
    }
  }
  return <LoadFailedPanel error={error} onRetry={onRetry} />;
}

type Stage =
  | { kind: 'resolving' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'notice'; start: Start }
  | { kind: 'answering'; start: Start }
  | { kind: 'kiosk-next'; submitted: boolean }
  | { kind: 'ended'; end: RespondEnd };

function RespondFlow({ token, view, kiosk }: { token: string; view: RespondentView; kiosk: boolean }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'resolving' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    resolveStart(token, view).then(
      (resolution) => {
        if (!current) return;
        if (resolution.kind === 'submitted') setStage({ kind: 'ended', end: { kind: 'already-submitted' } });
        else setStage({ kind: resolution.start.resumed ? 'answering' : 'notice', start: resolution.start });
      },
      (error: unknown) => current && setStage({ kind: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [token, view, attempt]);

  useEffect(() => {
    // The questionnaire's code downloads while the notice is read.
    if (stage.kind === 'notice') void loadRunner();
  }, [stage.kind]);

  switch (stage.kind) {
    case 'resolving':
      return <PageLoader />;
    case 'failed':
      return <LoadFailedPanel error={stage.error} onRetry={() => setAttempt((n) => n + 1)} />;
    case 'notice':
      return <Notice view={view} kiosk={kiosk} onStart={() => setStage({ kind: 'answering', start: stage.start })} />;
    case 'answering':
      return (
        <Stack gap="md">
          <EvaluationHeading view={view} />
          <details className="respond-privacy">
            <summary>{t('respond.survey.privacy')}</summary>
            <PrivacyNotice view={view} kiosk={kiosk} headingOrder={3} />
          </details>
          <Suspense fallback={<PageLoader />}>
            <QuestionnaireRunner
              token={token}
              view={view}
              start={stage.start}
              kiosk={kiosk}
              onEnd={(end) => setStage(end.kind === 'thanks' && kiosk ? { kind: 'kiosk-next', submitted: true } : { kind: 'ended', end })}
            />
          </Suspense>
          {kiosk && (
            <KioskStartOver
              onConfirm={() => {
                clearDraft(token);
                setStage({ kind: 'kiosk-next', submitted: false });
              }}
            />
          )}
        </Stack>
      );
    case 'kiosk-next':
      return <KioskNext token={token} view={view} submitted={stage.submitted} />;
    case 'ended':
      return (
        <EndPage
          token={token}
          end={stage.end}
          view={view}
          onAnswerAgain={
            view.linkKind === 'shared'
              ? () => {
                  clearDraft(token);
                  setAttempt((n) => n + 1);
                  setStage({ kind: 'resolving' });
                }
              : undefined
          }
        />
      );
  }
}

/** The page's h1: the evaluation, with the organization and the group answering. */
function EvaluationHeading({ view }: { view: RespondentView }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed" fw={500}>
        {view.evaluation.organizationName}
      </Text>
      <PageTitle>{view.evaluation.title}</PageTitle>
      <Text size="sm" c="dimmed">
        {t('respond.forGroup', { group: view.groupLabel[locale] })}
      </Text>
    </Stack>
  );
}

function Notice({ view, kiosk, onStart }: { view: RespondentView; kiosk: boolean; onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <EvaluationHeading view={view} />
      <section aria-labelledby="respond-notice-title" className="respond-card">
        <Stack gap="md">
          <Title order={2} id="respond-notice-title">
            {t('respond.notice.heading')}
          </Title>
          <QuestionnaireSize view={view} />
          <PrivacyNotice view={view} kiosk={kiosk} headingOrder={3} />
          <Group>
            <Button size="md" onClick={onStart} className="respond-primary">
              {t('respond.notice.start')}
            </Button>
          </Group>
        </Stack>
      </section>
    </Stack>
  );
}

/** The end of a visit, or why it cannot start. */
function EndPage({ token, end, view, onAnswerAgain }: { token?: string; end: RespondEnd; view?: RespondentView; onAnswerAgain?: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const context = view ? `${view.evaluation.organizationName} · ${view.evaluation.title}` : undefined;
  // A personal link keeps its respondent's answers: they may see and erase them.
  const mine =
    token && (view?.linkKind === 'personal' || (end.kind === 'collection-closed' && end.personalLink)) ? (
      <Anchor component={Link} to={`/r/${encodeURIComponent(token)}/mes-reponses`} w="fit-content">
        {t('respond.mine.link')}
      </Anchor>
    ) : null;
  switch (end.kind) {
    case 'thanks':
      return (
        <StatusPanel title={t('respond.thanks.heading')} context={context} tone="success">
          <Text>{t('respond.thanks.text')}</Text>
          <Text>{t('respond.thanks.closeable')}</Text>
          {mine}
          {onAnswerAgain && (
            <Button variant="default" onClick={onAnswerAgain} w="fit-content">
              {t('respond.thanks.answerAgain')}
            </Button>
          )}
        </StatusPanel>
      );
    case 'already-submitted':
      return (
        <StatusPanel title={t('respond.already.heading')} context={context} tone="success">
          <Text>{t('respond.already.text')}</Text>
          {mine}
          {onAnswerAgain && (
            <Button variant="default" onClick={onAnswerAgain} w="fit-content">
              {t('respond.thanks.answerAgain')}
            </Button>
          )}
        </StatusPanel>
      );
    case 'link-invalid':
      return (
        <StatusPanel title={t('respond.errors.invalidTitle')} tone="warning">
          <Text>{t('respond.errors.invalidText')}</Text>
        </StatusPanel>
      );
    case 'collection-closed': {
      const notYet = end.opensAt !== undefined && Date.parse(end.opensAt) > Date.now();
      return (
        <StatusPanel title={t(notYet ? 'respond.errors.notOpenTitle' : 'respond.errors.closedTitle')} context={context} tone="warning">
          <Text>
            {notYet
              ? t('respond.errors.notOpenText', { date: formatDate(end.opensAt!, locale) })
              : end.opensAt && end.closesAt
                ? t('respond.errors.closedText', { opens: formatDate(end.opensAt, locale), closes: formatDate(end.closesAt, locale) })
                : t('respond.errors.closedNoDates')}
          </Text>
          {!notYet && mine}
        </StatusPanel>
      );
    }
    case 'link-full':
      return (
        <StatusPanel title={t('respond.errors.fullTitle')} context={context} tone="warning">
          <Text>{t('respond.errors.fullText')}</Text>
        </StatusPanel>
      );
    case 'link-already-used':
      return (
        <StatusPanel title={t('respond.errors.usedTitle')} context={context} tone="warning">
          <Alert color="#8a5300" variant="light">
            {t('respond.errors.usedText')}
          </Alert>
          <Button onClick={() => window.location.reload()} w="fit-content">
            {t('respond.errors.reload')}
          </Button>
        </StatusPanel>
      );
  }
}
