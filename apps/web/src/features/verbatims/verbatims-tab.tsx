import { Alert, Button, Checkbox, Group, List, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Verbatim, VerbatimFilters } from '../../api/verbatims-api';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { useEvaluation } from '../evaluations/use-evaluations';
import { groupLabel } from '../frameworks/framework-labels';
import { ChooseStoryModal } from './choose-story-modal';
import { CodeBook } from './code-book';
import { useThemes, useVerbatimLabels, useVerbatims, type VerbatimsRef } from './use-verbatims';
import { VerbatimItem } from './verbatim-item';
import './verbatims.css';

export interface VerbatimsTabProps {
  workspaceId: string;
  organizationId: string;
  evaluationId: string;
  /** Code, keep the code book and choose stories (the facilitators and the organization's contact). */
  canEdit: boolean;
}

const SEARCH_DELAY_MS = 300;

/**
 * The verbatims of an evaluation: open answers and "pourquoi ?" comments, masked, filtered by
 * group, dimension, theme and words; coded with the code book's themes; chosen as stories for the
 * report with why. Groups under k are named with the reason their verbatims are not shown.
 */
export function VerbatimsTab({ workspaceId, organizationId, evaluationId, canEdit }: VerbatimsTabProps) {
  const { t } = useTranslation();
  const ref: VerbatimsRef = useMemo(() => ({ workspaceId, organizationId, evaluationId }), [workspaceId, organizationId, evaluationId]);
  const evaluation = useEvaluation(ref);
  const themes = useThemes(ref);
  const [filters, setFilters] = useState<Omit<VerbatimFilters, 'q'>>({});
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const query = useMemo<VerbatimFilters>(() => ({ ...filters, ...(q && { q }) }), [filters, q]);
  const verbatims = useVerbatims(ref, query);
  const groupKeys = useMemo(() => evaluation.data?.groups.map((g) => g.groupKey) ?? [], [evaluation.data]);
  const labels = useVerbatimLabels(ref, groupKeys);
  const [choosing, setChoosing] = useState<Verbatim>();

  const firstPage = verbatims.data?.pages[0];
  const k = firstPage?.k ?? evaluation.data?.kThreshold ?? 5;
  const hidden = firstPage?.hiddenGroups ?? [];
  const items = verbatims.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some((v) => v !== undefined && v !== false) || q !== '';
  const set = <K extends keyof typeof filters>(key: K, value: (typeof filters)[K] | undefined) => setFilters((current) => ({ ...current, [key]: value }));

  return (
    <Stack gap="lg">
      <Section title={t('verbatims.title')} description={t('verbatims.intro')}>
        {hidden.length > 0 && (
          <Alert color="gray" title={t('verbatims.hidden.title')}>
            <List size="sm" spacing={2}>
              {hidden.map((groupKey) => (
                <List.Item key={groupKey}>{t('verbatims.hidden.group', { group: groupLabel(groupKey), k })}</List.Item>
              ))}
            </List>
          </Alert>
        )}

        <Group gap="md" align="flex-end" role="search" aria-label={t('verbatims.filters.label')}>
          <NativeSelect
            label={t('verbatims.filters.group')}
            value={filters.groupKey ?? ''}
            data={[
              { value: '', label: t('verbatims.filters.allGroups') },
              ...groupKeys.map((key) => ({
                value: key,
                label: hidden.includes(key) ? t('verbatims.filters.hiddenGroup', { group: groupLabel(key), k }) : groupLabel(key),
              })),
            ]}
            onChange={(event) => set('groupKey', (event.currentTarget.value || undefined) as StakeholderGroupKey | undefined)}
          />
          <NativeSelect
            label={t('verbatims.filters.dimension')}
            value={filters.dimensionKey ?? ''}
            data={[
              { value: '', label: t('verbatims.filters.allDimensions') },
              ...(evaluation.data?.dimensionKeys ?? []).map((key) => ({ value: key, label: labels.dimensions.get(key) ?? key })),
            ]}
            onChange={(event) => set('dimensionKey', event.currentTarget.value || undefined)}
          />
          <NativeSelect
            label={t('verbatims.filters.theme')}
            value={filters.themeId ?? ''}
            data={[{ value: '', label: t('verbatims.filters.allThemes') }, ...(themes.data ?? []).map((theme) => ({ value: theme.id, label: theme.label }))]}
            onChange={(event) => set('themeId', event.currentTarget.value || undefined)}
          />
          <TextInput
            type="search"
            label={t('verbatims.filters.search')}
            placeholder={t('verbatims.filters.searchPlaceholder')}
            title={t('verbatims.filters.searchHint')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            maxLength={200}
          />
          <Checkbox
            label={t('verbatims.filters.selectedOnly')}
            checked={filters.selected === true}
            onChange={(event) => set('selected', event.currentTarget.checked || undefined)}
            mb={8}
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setFilters({});
                setSearch('');
              }}
            >
              {t('verbatims.filters.clear')}
            </Button>
          )}
        </Group>

        {verbatims.isPending ? (
          <PageLoader />
        ) : verbatims.isError ? (
          <QueryError error={verbatims.error} onRetry={() => void verbatims.refetch()} />
        ) : items.length === 0 ? (
          <Text c="dimmed">{filtered ? t('verbatims.noneFiltered') : t('verbatims.none', { k })}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('verbatims.count', { count: firstPage?.total ?? items.length })}
            </Text>
            <ul className="verbatim-list" aria-label={t('verbatims.listLabel')}>
              {items.map((verbatim) => (
                <VerbatimItem
                  key={verbatim.id}
                  verbatimsRef={ref}
                  verbatim={verbatim}
                  themes={themes.data ?? []}
                  labels={labels}
                  canEdit={canEdit}
                  onChoose={setChoosing}
                />
              ))}
            </ul>
            {verbatims.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={verbatims.isFetchingNextPage} onClick={() => void verbatims.fetchNextPage()}>
                  {t('verbatims.loadMore')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Section>

      <CodeBook verbatimsRef={ref} canEdit={canEdit} />

      {choosing && <ChooseStoryModal verbatimsRef={ref} verbatim={choosing} onClose={() => setChoosing(undefined)} />}
    </Stack>
  );
}
