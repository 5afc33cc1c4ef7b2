import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { AnalysisPayload } from '#domain/analysis/types';
import type { AnswerOptionsByIndicator } from '#domain/charts/answer-options';
import { columnLabel } from '#domain/charts/chart-format';
import { dimensionRadarChart, questionDistributionCharts } from '#domain/charts/dashboard-charts';
import type { Locale } from '#domain/locale';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { Evaluation } from '../../api/evaluations-api';
import { sessionKeys, sessionsApi } from '../../api/sessions-api';
import { NotFoundContent } from '../../app/not-found-page';
import { ChartFigure } from '../../components/charts/chart-figure';
import { IconArrowLeft } from '../../components/icons';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { useEvaluation, type EvaluationRef } from '../evaluations/use-evaluations';
import { localeOf } from '../sessions/session-labels';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { useAnalysis } from './use-analysis';
import './analysis.css';

/** Under k, the room waits for the next answers: check often. */
const WAITING_REFRESH_MS = 4_000;
/** Once shown, results still move as late answers arrive. */
const SHOWN_REFRESH_MS = 15_000;

/**
 * What the facilitator projects at the end of a collective session: the group's anonymous
 * results (its dimension profile and how it answered each question) as soon as the group has
 * k answers, and until then how many answers are still missing. Full screen, no app frame.
 */
export function DebriefPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const { organizationId = '', evaluationId = '', sessionId = '' } = useParams();
  const evaluationRef: EvaluationRef = { workspaceId: workspace.id, organizationId, evaluationId };
  const session = useQuery({
    queryKey: sessionKeys.one(workspace.id, organizationId, evaluationId, sessionId),
    queryFn: () => sessionsApi.get(workspace.id, organizationId, evaluationId, sessionId),
    staleTime: 60_000,
  });
  const evaluation = useEvaluation(evaluationRef);

  useEffect(() => {
    document.title = `${t('analysis.debrief.pageTitle')} · ${t('common.appName')}`;
  }, [t]);

  const failed = session.error ?? evaluation.error;
  if (failed) {
    if (isApiError(failed) && (failed.status === 404 || failed.status === 400)) return <NotFoundContent />;
    return (
      <main className="debrief">
        <QueryError error={failed} onRetry={() => void (session.isError ? session.refetch() : evaluation.refetch())} />
      </main>
    );
  }
  if (!session.data || !evaluation.data) {
    return (
      <main className="debrief">
        <PageLoader />
      </main>
    );
  }
  return (
    <Debrief
      evaluationRef={evaluationRef}
      evaluation={evaluation.data}
      groupKey={session.data.groupKey}
      sessionPath={`/w/${workspace.id}/organizations/${organizationId}/evaluations/${evaluationId}/sessions/${sessionId}`}
    />
  );
}

interface DebriefProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  groupKey: StakeholderGroupKey;
  sessionPath: string;
}

function Debrief({ evaluationRef, evaluation, groupKey, sessionPath }: DebriefProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const [waiting, setWaiting] = useState(true);
  const analysis = useAnalysis(evaluationRef, { groupKey, refetchInterval: waiting ? WAITING_REFRESH_MS : SHOWN_REFRESH_MS });
  const answerOptions = analysis.data?.answerOptions;
  const screen = useRef<HTMLElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const canFullscreen = typeof document.documentElement.requestFullscreen === 'function' && document.fullscreenEnabled;
  const participation = analysis.data?.participation.find((p) => p.groupKey === groupKey);
  const shown = participation !== undefined && !participation.suppressed;

  useEffect(() => setWaiting(!shown), [shown]);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const group = columnLabel(groupKey, locale);
  return (
    <main className="debrief" ref={screen}>
      <div className="debrief-bar">
        <Anchor component={Link} to={sessionPath} size="sm" className="back-link">
          <IconArrowLeft size={16} />
          {t('analysis.debrief.back')}
        </Anchor>
        <Group gap="sm">
          {analysis.dataUpdatedAt > 0 && (
            <Text size="sm" c="dimmed">
              {t('analysis.debrief.refreshedAt', {
                time: new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { timeStyle: 'short' }).format(analysis.dataUpdatedAt),
              })}
            </Text>
          )}
          {canFullscreen && (
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => (document.fullscreenElement ? void document.exitFullscreen() : void screen.current?.requestFullscreen())}
            >
              {fullscreen ? t('analysis.debrief.exitFullscreen') : t('analysis.debrief.fullscreen')}
            </Button>
          )}
        </Group>
      </div>
      <header>
        <Title order={1} className="debrief-title">
          {t('analysis.debrief.heading', { group })}
        </Title>
        <Text className="debrief-subtitle">
          {evaluation.title}
          {participation && ` · ${t('analysis.debrief.answers', { count: participation.submitted })}`}
        </Text>
      </header>
      {analysis.isPending ? (
        <PageLoader />
      ) : analysis.isError && !analysis.data ? (
        <QueryError error={analysis.error} onRetry={() => void analysis.refetch()} />
      ) : !participation ? (
        <Text size="xl">{t('analysis.debrief.noGroup')}</Text>
      ) : shown ? (
        <Results payload={analysis.data!} groupKey={groupKey} locale={locale} answerOptions={answerOptions} filenameBase={`${evaluation.title} ${group}`} />
      ) : (
        <section className="debrief-waiting" aria-live="polite">
          <p className="debrief-waiting-count">{t('analysis.debrief.waiting', { count: Math.max(1, analysis.data!.k - participation.submitted) })}</p>
          <p className="debrief-waiting-hint">{t('analysis.debrief.waitingHint', { k: analysis.data!.k })}</p>
        </section>
      )}
    </main>
  );
}

interface ResultsProps {
  payload: AnalysisPayload;
  groupKey: StakeholderGroupKey;
  locale: Locale;
  answerOptions: AnswerOptionsByIndicator | undefined;
  filenameBase: string;
}

function Results({ payload, groupKey, locale, answerOptions, filenameBase }: ResultsProps) {
  const { t } = useTranslation();
  const charts = useMemo(() => {
    // Only the dimensions the group was asked about.
    const dimensions = payload.dimensions.filter((d) => d.cells[groupKey] !== undefined).map((d) => d.key);
    const filters = { groups: [groupKey], dimensions };
    return {
      radar: dimensions.length > 0 ? dimensionRadarChart(payload, locale, filters) : null,
      questions: questionDistributionCharts(payload, locale, filters, { answerOptions, includeAll: false }),
    };
  }, [payload, groupKey, locale, answerOptions]);

  return (
    <Stack gap="xl">
      <Text className="debrief-prompt">{t('analysis.debrief.discuss')}</Text>
      <div className="debrief-grid">
        {charts.radar && (
          <section>
            <ChartFigure spec={charts.radar} filenameBase={filenameBase} headingOrder={2} large />
          </section>
        )}
        <section className="debrief-questions" aria-label={t('analysis.debrief.questions')}>
          <Title order={2}>{t('analysis.debrief.questions')}</Title>
          {charts.questions.map((spec) => (
            <ChartFigure key={spec.id} spec={spec} filenameBase={filenameBase} headingOrder={3} large />
          ))}
        </section>
      </div>
    </Stack>
  );
}
