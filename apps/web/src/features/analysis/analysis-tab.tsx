import { Alert, Button, Chip, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { AnalysisPayload, ConsensusEntry } from '#domain/analysis/types';
import type { AnswerOptionsByIndicator } from '#domain/charts/answer-options';
import { formatAnswerValue } from '#domain/charts/answer-options';
import { columnLabel } from '#domain/charts/chart-format';
import type { ChartFilters, ChartSpec } from '#domain/charts/chart-spec';
import {
  changeChart,
  chosenDimensions,
  crossedPerspectiveSentences,
  dimensionGapsChart,
  dimensionRadarChart,
  evaluationGroups,
  indicatorGapsChart,
  indicatorTable,
  participationChart,
  questionDistributionChart,
} from '#domain/charts/dashboard-charts';
import { GROUP_COLORS } from '#domain/charts/palette';
import { localize, type Locale } from '#domain/locale';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../api/evaluations-api';
import { ChartFigure } from '../../components/charts/chart-figure';
import { DataTable } from '../../components/charts/data-table';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { formatDay } from '../evaluations/evaluation-labels';
import type { EvaluationRef } from '../evaluations/use-evaluations';
import { localeOf } from '../sessions/session-labels';
import { SelectedStories } from '../verbatims/selected-stories';
import { analysisRefreshInterval, useAnalysis } from './use-analysis';
import './analysis.css';

interface AnalysisTabProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
}

/**
 * The evaluation's dashboard: participation, the dimension profile, crossed perspectives, change
 * since the previous evaluation, each dimension's indicators and answers, and the selected
 * stories. Every figure comes from the analysis API, where anything about fewer than k
 * submissions is already withheld; the charts are the shared chart specs.
 */
export function AnalysisTab({ evaluationRef, evaluation }: AnalysisTabProps) {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const analysis = useAnalysis(evaluationRef, { refetchInterval: analysisRefreshInterval(evaluation) });

  if (analysis.isPending) return <PageLoader />;
  if (analysis.isError) return <QueryError error={analysis.error} onRetry={() => void analysis.refetch()} />;
  return <Dashboard payload={analysis.data} evaluation={evaluation} evaluationRef={evaluationRef} locale={locale} answerOptions={analysis.data.answerOptions} />;
}

interface DashboardProps {
  payload: AnalysisPayload;
  evaluation: Evaluation;
  evaluationRef: EvaluationRef;
  locale: Locale;
  answerOptions: AnswerOptionsByIndicator | undefined;
}

function Dashboard({ payload, evaluation, evaluationRef, locale, answerOptions }: DashboardProps) {
  const { t } = useTranslation();
  const allGroups = useMemo(() => evaluationGroups(payload), [payload]);
  const [groups, setGroups] = useState<StakeholderGroupKey[]>(allGroups);
  const [dimensions, setDimensions] = useState<string[]>([]);
  const filters = useMemo<ChartFilters & { groups: StakeholderGroupKey[] }>(
    () => ({ groups: groups.filter((g) => allGroups.includes(g)), dimensions }),
    [groups, allGroups, dimensions],
  );
  const submitted = payload.participation.reduce((sum, p) => sum + p.submitted, 0);
  const expected = payload.participation.reduce((sum, p) => sum + p.expected, 0);
  const withheld = payload.participation.filter((p) => p.suppressed).length;
  const filenameBase = evaluation.title;

  const charts = useMemo(
    () => ({
      participation: participationChart(payload, locale, filters),
      radar: dimensionRadarChart(payload, locale, filters),
      gaps: dimensionGapsChart(payload, locale, filters),
      change: changeChart(payload, locale, filters),
      words: crossedPerspectiveSentences(payload, locale, filters),
    }),
    [payload, locale, filters],
  );

  if (submitted === 0) {
    return (
      <Paper p={{ base: 'md', sm: 'xl' }} className="analysis-empty">
        <Title order={2}>{t('analysis.empty.title')}</Title>
        <Text mt="xs" maw="60ch">
          {t('analysis.empty.text', { k: payload.k })}
        </Text>
      </Paper>
    );
  }

  return (
    <Stack gap="lg" className="analysis">
      <Paper p={{ base: 'md', sm: 'lg' }}>
        <Stack gap={4}>
          <Text fw={600} size="lg">
            {t('analysis.summary.answers', { count: submitted, expected })}
          </Text>
          <Text size="sm" c="dimmed">
            {[
              t('analysis.summary.threshold', { k: payload.k }),
              withheld > 0 ? t('analysis.summary.withheld', { count: withheld }) : null,
              t('analysis.summary.computedAt', { date: formatDay(payload.computedAt) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
      </Paper>

      {withheld === payload.participation.length && (
        <Alert color="gray" variant="light">
          {t('analysis.allWithheld', { k: payload.k })}
        </Alert>
      )}

      <Filters
        payload={payload}
        locale={locale}
        allGroups={allGroups}
        groups={filters.groups}
        onGroups={setGroups}
        dimensions={dimensions}
        onDimensions={setDimensions}
      />

      <ChartSection spec={charts.participation} description={t('analysis.sections.participationIntro')} filenameBase={filenameBase} />
      <ChartSection spec={charts.radar} description={t('analysis.sections.profileIntro')} filenameBase={filenameBase} />

      <Section title={t('analysis.sections.crossed')} description={t('analysis.sections.crossedIntro')}>
        {charts.gaps ? (
          <Stack gap="lg">
            <ChartFigure spec={charts.gaps} filenameBase={filenameBase} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <SentenceList title={t('analysis.crossed.convergences')} items={charts.words.convergences} />
              <SentenceList title={t('analysis.crossed.divergences')} items={charts.words.divergences} />
            </SimpleGrid>
          </Stack>
        ) : (
          <Text>{t('analysis.crossed.unavailable')}</Text>
        )}
      </Section>

      <Section title={t('analysis.sections.change')}>
        {payload.comparison && charts.change ? (
          <Stack gap="md">
            <Text size="sm">
              {t('analysis.change.intro', { title: payload.comparison.previous.title, date: formatDay(payload.comparison.previous.closesAt) })}
            </Text>
            <ChartFigure spec={charts.change} filenameBase={filenameBase} />
          </Stack>
        ) : (
          <Text>{t('analysis.change.none')}</Text>
        )}
      </Section>

      <IndicatorsSection payload={payload} locale={locale} filters={filters} answerOptions={answerOptions} filenameBase={filenameBase} />

      <Section title={t('analysis.sections.stories')} description={t('analysis.sections.storiesIntro')}>
        <SelectedStories
          workspaceId={evaluationRef.workspaceId}
          organizationId={evaluationRef.organizationId}
          evaluationId={evaluationRef.evaluationId}
        />
      </Section>
    </Stack>
  );
}

/** A section of the page that is one chart: the chart's title is the section's heading. */
function ChartSection({ spec, description, filenameBase }: { spec: ChartSpec; description: string; filenameBase: string }) {
  const titleId = useId();
  return (
    <Paper component="section" aria-labelledby={titleId} p={{ base: 'md', sm: 'lg' }}>
      <ChartFigure spec={spec} filenameBase={filenameBase} headingOrder={2} titleId={titleId} description={description} />
    </Paper>
  );
}

interface FiltersProps {
  payload: AnalysisPayload;
  locale: Locale;
  allGroups: StakeholderGroupKey[];
  groups: StakeholderGroupKey[];
  onGroups: (groups: StakeholderGroupKey[]) => void;
  dimensions: string[];
  onDimensions: (dimensions: string[]) => void;
}

/** Which groups and dimensions the charts show. At least one group stays chosen. */
function Filters({ payload, locale, allGroups, groups, onGroups, dimensions, onDimensions }: FiltersProps) {
  const { t } = useTranslation();
  const legendId = useId();
  const everything = groups.length === allGroups.length && dimensions.length === 0;
  return (
    <Paper p={{ base: 'md', sm: 'lg' }} component="section" aria-label={t('analysis.filters.label')} className="analysis-filters">
      <fieldset className="analysis-fieldset">
        <legend id={legendId} className="analysis-legend">
          {t('analysis.filters.groups')}
        </legend>
        <Chip.Group multiple value={groups} onChange={(value) => value.length > 0 && onGroups(allGroups.filter((g) => value.includes(g)))}>
          <Group gap={8}>
            {allGroups.map((key) => {
              const participation = payload.participation.find((p) => p.groupKey === key);
              return (
                <Chip key={key} value={key} variant="outline" size="sm" radius="sm">
                  <span className="group-swatch" style={{ backgroundColor: GROUP_COLORS[key] }} aria-hidden="true" />
                  {columnLabel(key, locale)}
                  {participation?.suppressed && <span className="group-chip-note"> · {t('analysis.filters.withheld', { k: payload.k })}</span>}
                </Chip>
              );
            })}
          </Group>
        </Chip.Group>
      </fieldset>
      <Group align="flex-end" gap="md" mt="md" wrap="wrap">
        <MultiSelect
          label={t('analysis.filters.dimensions')}
          placeholder={dimensions.length === 0 ? t('analysis.filters.dimensionsPlaceholder') : undefined}
          data={payload.dimensions.map((d) => ({ value: d.key, label: localize(d.title, locale) }))}
          value={dimensions}
          onChange={onDimensions}
          clearable
          className="analysis-dimension-filter"
          comboboxProps={{ withinPortal: true }}
        />
        {!everything && (
          <Button
            variant="subtle"
            onClick={() => {
              onGroups(allGroups);
              onDimensions([]);
            }}
          >
            {t('analysis.filters.reset')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function SentenceList({ title, items }: { title: string; items: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div>
      <Title order={3} id={id} className="analysis-subheading">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" mt={6}>
          {t('analysis.crossed.none')}
        </Text>
      ) : (
        <ul className="analysis-sentences" aria-labelledby={id}>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface IndicatorsSectionProps {
  payload: AnalysisPayload;
  locale: Locale;
  filters: ChartFilters;
  answerOptions: AnswerOptionsByIndicator | undefined;
  filenameBase: string;
}

/** One dimension at a time: its indicator table, its indicator gaps, the distribution of each question. */
function IndicatorsSection({ payload, locale, filters, answerOptions, filenameBase }: IndicatorsSectionProps) {
  const { t } = useTranslation();
  const dimensions = chosenDimensions(payload, filters);
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const dimensionKey = dimensions.find((d) => d.key === asked)?.key ?? dimensions[0]?.key;
  const questionsHeading = useId();

  const detail = useMemo(() => {
    if (!dimensionKey) return null;
    const indicators = payload.indicators.filter((i) => i.dimensionKey === dimensionKey);
    const distributions = indicators.flatMap((indicator) =>
      indicator.questions.map((question, index) => ({
        indicator,
        question,
        spec: questionDistributionChart(payload, locale, indicator, index, filters, { answerOptions }),
      })),
    );
    return {
      table: indicatorTable(payload, locale, dimensionKey, filters),
      gaps: indicatorGapsChart(payload, locale, dimensionKey, filters),
      distributions: distributions.filter((d) => d.spec !== null),
      hasText: indicators.some((i) => i.kind === 'text'),
    };
  }, [payload, locale, filters, answerOptions, dimensionKey]);

  return (
    <Section title={t('analysis.sections.indicators')} description={t('analysis.sections.indicatorsIntro')}>
      {dimensionKey && detail ? (
        <Stack gap="xl">
          <NativeSelect
            label={t('analysis.indicators.dimension')}
            value={dimensionKey}
            onChange={(event) => setAsked(event.currentTarget.value)}
            data={dimensions.map((d) => ({ value: d.key, label: localize(d.title, locale) }))}
            className="analysis-dimension-select"
          />
          {detail.table && (
            <div className="analysis-block">
              <Title order={3} className="analysis-subheading">
                {t('analysis.indicators.tableTitle')}
              </Title>
              <DataTable table={detail.table} className="data-table-total data-table-wide-rows" />
              {detail.table.suppressedNote && (
                <Text size="sm" className="chart-note-suppressed">
                  {detail.table.suppressedNote}
                </Text>
              )}
            </div>
          )}
          {detail.gaps && <ChartFigure spec={detail.gaps} filenameBase={filenameBase} />}
          <div className="analysis-block">
            <Title order={3} id={questionsHeading} className="analysis-subheading">
              {t('analysis.indicators.questionsTitle')}
            </Title>
            {detail.distributions.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('analysis.indicators.noQuestions')}
              </Text>
            )}
            <Stack gap="xl" mt="sm">
              {detail.distributions.map(({ indicator, question, spec }) => {
                const consensus = payload.consensus.filter((c) => c.questionKey === question.key && filters.groups!.includes(c.groupKey));
                return (
                  <ChartFigure
                    key={question.key}
                    spec={spec!}
                    filenameBase={filenameBase}
                    headingOrder={4}
                    aside={consensus.length > 0 ? <ConsensusAside entries={consensus} options={answerOptions?.[indicator.key]} locale={locale} /> : undefined}
                  />
                );
              })}
            </Stack>
            {detail.hasText && (
              <Text size="sm" c="dimmed" mt="md">
                {t('analysis.indicators.textOnly')}
              </Text>
            )}
          </div>
        </Stack>
      ) : (
        <Text c="dimmed">{t('analysis.chart.nothingToDraw')}</Text>
      )}
    </Section>
  );
}

/** Consensus answers of collective sessions, beside the individual answers to the same question. */
function ConsensusAside({ entries, options, locale }: { entries: ConsensusEntry[]; options: AnswerOptionsByIndicator[string] | undefined; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <aside className="consensus-aside" aria-label={t('analysis.consensus.heading')}>
      <Text fw={600}>{t('analysis.consensus.heading')}</Text>
      <Text size="xs" c="dimmed" mb="xs">
        {t('analysis.consensus.intro')}
      </Text>
      <Stack gap="sm">
        {entries.map((entry) => (
          <div key={`${entry.sessionId}-${entry.questionKey}`} className="consensus-entry">
            <Text size="sm" c="dimmed">
              {t('analysis.consensus.group', { group: columnLabel(entry.groupKey, locale), date: formatDay(entry.recordedAt) })}
            </Text>
            <Text fw={600}>{formatAnswerValue(entry.value, options, locale)}</Text>
            {entry.reasons && (
              <Text size="sm">
                <span className="consensus-reasons-label">{t('analysis.consensus.reasons')}</span> {entry.reasons}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </aside>
  );
}
