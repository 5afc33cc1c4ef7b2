import { Button, Checkbox, Stack, Switch, Text } from '@mantine/core';
import type { AnalysisPayload } from '#domain/analysis/types';
import { dashboardCharts } from '#domain/charts/dashboard-charts';
import { localize, type Locale } from '#domain/locale';
import { localiseMaskTokens } from '#domain/verbatim-masking';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n/i18n';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { groupLabel } from '../frameworks/framework-labels';
import { useVerbatims, type VerbatimsRef } from '../verbatims/use-verbatims';
import { WarningText } from './warning-text';

/** The charts of one part of the dashboard: its overview, or one dimension. */
export interface ChartGroup {
  /** 'overview' or a dimension key */
  key: string;
  title: string | null;
  charts: Array<{ id: string; title: string }>;
}

export const OVERVIEW = 'overview';
/** The API's limit of charts in one section. */
export const CHARTS_PER_SECTION = 12;

/**
 * The dashboard's charts (`dashboardCharts`, the ids the report stores) in the report's
 * language, grouped as the dashboard shows them: the overview, then each dimension with its
 * indicator gaps and its questions' distributions.
 */
export function chartGroups(payload: AnalysisPayload, locale: Locale): ChartGroup[] {
  const dimensionOfQuestion = new Map<string, string>();
  for (const indicator of payload.indicators) for (const question of indicator.questions) dimensionOfQuestion.set(question.key, indicator.dimensionKey);
  const groups: ChartGroup[] = [
    { key: OVERVIEW, title: null, charts: [] },
    ...payload.dimensions.map((d) => ({ key: d.key, title: localize(d.title, locale), charts: [] as ChartGroup['charts'] })),
  ];
  for (const spec of dashboardCharts(payload, locale, {}, { answerOptions: payload.answerOptions })) {
    const dimension = spec.id.startsWith('gaps-indicators-')
      ? spec.id.slice('gaps-indicators-'.length)
      : spec.id.startsWith('distribution-')
        ? dimensionOfQuestion.get(spec.id.slice('distribution-'.length))
        : undefined;
    const group = groups.find((g) => g.key === (dimension ?? OVERVIEW)) ?? groups[0]!;
    group.charts.push({ id: spec.id, title: spec.title });
  }
  return groups.filter((group) => group.charts.length > 0);
}

interface ChartsPickerProps {
  groups: ChartGroup[];
  /** The section's own dimension, shown first with the overview; the others behind a switch. */
  dimensionKey: string | null;
  value: string[];
  onChange: (value: string[]) => void;
}

export function ChartsPicker({ groups, dimensionKey, value, onChange }: ChartsPickerProps) {
  const { t } = useTranslation();
  const order = useMemo(() => groups.flatMap((g) => g.charts.map((c) => c.id)), [groups]);
  const near = (key: string) => key === OVERVIEW || key === dimensionKey;
  const chosenFar = groups.some((g) => !near(g.key) && g.charts.some((c) => value.includes(c.id)));
  const [showAll, setShowAll] = useState(chosenFar || dimensionKey === null);
  const unknown = value.filter((id) => !order.includes(id));
  const full = value.length >= CHARTS_PER_SECTION;

  const toggle = (id: string, checked: boolean) => {
    const next = checked ? [...value, id] : value.filter((v) => v !== id);
    // Drawn in the order of the list: the dashboard's order, what no longer exists last.
    onChange([...order.filter((o) => next.includes(o)), ...next.filter((v) => !order.includes(v))]);
  };

  if (order.length === 0 && unknown.length === 0) return <Text c="dimmed">{t('reports.charts.none')}</Text>;
  const shown = groups.filter((g) => showAll || near(g.key));
  return (
    <Stack gap="sm">
      {full && (
        <WarningText>{t('reports.charts.limit')}</WarningText>
      )}
      {dimensionKey !== null && groups.some((g) => !near(g.key)) && (
        <Switch label={t('reports.charts.others')} checked={showAll} onChange={(event) => setShowAll(event.currentTarget.checked)} />
      )}
      {shown.map((group) => (
        <fieldset key={group.key} className="report-fieldset">
          <legend className="report-legend">{group.title ?? t('reports.charts.general')}</legend>
          <Stack gap={6}>
            {group.charts.map((chart) => (
              <Checkbox
                key={chart.id}
                label={chart.title}
                checked={value.includes(chart.id)}
                disabled={full && !value.includes(chart.id)}
                onChange={(event) => toggle(chart.id, event.currentTarget.checked)}
              />
            ))}
          </Stack>
        </fieldset>
      ))}
      {unknown.map((id) => (
        <Checkbox key={id} label={`${t('reports.charts.unavailable')} (${id})`} checked onChange={() => toggle(id, false)} />
      ))}
    </Stack>
  );
}

const SELECTED = { selected: true } as const;
const EXCERPT = 180;

function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text;
}

/** The evaluation's selected stories (the Verbatims tab chooses them), to quote in the section. */
export function StoriesPicker({ verbatimsRef, value, onChange }: { verbatimsRef: VerbatimsRef; value: string[]; onChange: (value: string[]) => void }) {
  const { t } = useTranslation();
  const stories = useVerbatims(verbatimsRef, SELECTED);
  const hintId = useId();
  if (stories.isPending) return <PageLoader />;
  if (stories.isError) return <QueryError error={stories.error} onRetry={() => void stories.refetch()} />;
  const items = stories.data.pages.flatMap((page) => page.items);
  const known = new Set(items.map((item) => item.id));
  const gone = value.filter((id) => !known.has(id));
  const toggle = (id: string, checked: boolean) => onChange(checked ? [...value, id] : value.filter((v) => v !== id));
  const locale = currentLocale();

  if (items.length === 0 && gone.length === 0) return <Text c="dimmed">{t('reports.stories.none')}</Text>;
  return (
    <Stack gap={8} aria-describedby={hintId}>
      {items.map((story) => (
        <Checkbox
          key={story.id}
          label={t('reports.stories.item', { group: groupLabel(story.groupKey), excerpt: excerpt(localiseMaskTokens(story.selection?.text ?? story.text, locale)) })}
          description={story.selection?.reason}
          checked={value.includes(story.id)}
          onChange={(event) => toggle(story.id, event.currentTarget.checked)}
        />
      ))}
      {gone.map((id) => (
        <Checkbox key={id} label={t('reports.stories.notSelected')} checked onChange={() => toggle(id, false)} />
      ))}
      {stories.hasNextPage && (
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => void stories.fetchNextPage()} loading={stories.isFetchingNextPage}>
            {t('reports.stories.more')}
          </Button>
        </div>
      )}
      <Text id={hintId} size="xs" c="dimmed">
        {t('reports.stories.hint')}
      </Text>
    </Stack>
  );
}
