import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { eachIndicator, type FrameworkContent } from '#domain/framework';
import type { IndicatorRef, VersionDiff } from '#domain/framework-diff';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isStakeholderGroupKey } from '#domain/stakeholder-group';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { frameworksApi } from '../../../api/frameworks-api';
import { queryKeys } from '../../../api/query-keys';
import type { FrameworkDetail, FrameworkVersionDetail, PublishResult } from '../../../api/types';
import { describeError } from '../../../components/errors';
import { notifySuccess } from '../../../components/notify';
import { groupLabel, inUiLocale } from '../framework-labels';

interface PublishModalProps {
  opened: boolean;
  onClose: () => void;
  workspaceId: string;
  framework: FrameworkDetail;
  draft: FrameworkVersionDetail;
  /** The content being published (saved), to name indicators and count. */
  content: FrameworkContent;
  onPublished: (result: PublishResult) => void;
}

/** Shows what changes since the latest published version, then publishes the draft. */
export function PublishModal({ opened, onClose, workspaceId, framework, draft, content, onPublished }: PublishModalProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const previous = framework.latestPublished;
  const diff = useQuery({
    queryKey: [...queryKeys.framework(workspaceId, framework.id), 'diff', previous?.id ?? '', draft.id, draft.revision],
    queryFn: () => frameworksApi.diff(workspaceId, framework.id, previous?.id ?? '', draft.id),
    enabled: opened && previous !== null,
    staleTime: 0,
    gcTime: 0,
  });

  const publish = useMutation({
    mutationFn: () => frameworksApi.publish(workspaceId, framework.id, draft.id),
    onSuccess: async (result) => {
      queryClient.setQueryData(queryKeys.frameworkVersion(workspaceId, framework.id, draft.id), result.version);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.framework(workspaceId, framework.id), exact: true }),
        queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspaceId), exact: true }),
        queryClient.invalidateQueries({ queryKey: queryKeys.commons(workspaceId) }),
      ]);
      notifySuccess(t('frameworks.editor.publish.published', { number: result.version.number }));
      onPublished(result);
    },
  });

  const counts = countContent(content);

  return (
    <Modal
      opened={opened}
      onClose={() => {
        publish.reset();
        onClose();
      }}
      title={t('frameworks.editor.publish.title', { number: draft.number })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={window.matchMedia('(max-width: 30em)').matches}
    >
      <Stack gap="md">
        {previous === null ? (
          <Text>
            {t('frameworks.editor.publish.first', {
              dimensions: t('frameworks.commons.dimensions', { count: counts.dimensions }),
              indicators: t('frameworks.editor.publish.indicators', { count: counts.indicators }),
              questions: t('frameworks.commons.questions', { count: counts.questions }),
            })}
          </Text>
        ) : (
          <>
            <Text>{t('frameworks.editor.publish.intro', { previous: previous.number })}</Text>
            {diff.isPending ? (
              <Group gap="xs" role="status">
                <Loader size="sm" />
                <Text size="sm">{t('frameworks.editor.publish.loadingDiff')}</Text>
              </Group>
            ) : diff.isError ? (
              <Alert color="red" variant="light">
                {describeError(diff.error, t)}
              </Alert>
            ) : (
              <DiffView diff={diff.data.diff} content={content} previousNumber={previous.number} />
            )}
          </>
        )}
        {publish.isError && (
          <Alert color="red" variant="light" role="alert">
            {describeError(publish.error, t)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => publish.mutate()}
            loading={publish.isPending}
            disabled={previous !== null && !diff.isSuccess}
            data-autofocus
          >
            {t('frameworks.editor.publish.confirm', { number: draft.number })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function countContent(content: FrameworkContent) {
  let indicators = 0;
  let questions = 0;
  for (const { indicator } of eachIndicator(content)) {
    indicators += 1;
    questions += indicator.questions.length;
  }
  return { dimensions: content.dimensions.length, indicators, questions };
}

function DiffView({ diff, content, previousNumber }: { diff: VersionDiff; content: FrameworkContent; previousNumber: number }) {
  const { t } = useTranslation();
  const titles = new Map<string, string>();
  const dimensionTitles = new Map(content.dimensions.map((dimension) => [dimension.key, inUiLocale(dimension.title)]));
  const criterionTitles = new Map(content.dimensions.flatMap((dimension) => dimension.criteria.map((criterion) => [criterion.key, inUiLocale(criterion.title)] as const)));
  for (const { indicator } of eachIndicator(content)) titles.set(indicator.key, inUiLocale(indicator.title));
  const titleOf = (key: string) => titles.get(key) ?? key;
  const refTitle = (ref: IndicatorRef) => inUiLocale(ref.title) || ref.indicatorKey;
  const place = (at: { dimensionKey: string; criterionKey: string }) =>
    `${dimensionTitles.get(at.dimensionKey) ?? at.dimensionKey} › ${criterionTitles.get(at.criterionKey) ?? at.criterionKey}`;

  const total = diff.added.length + diff.removed.length + diff.reworded.length + diff.rescored.length + diff.moved.length;
  if (total === 0) return <Text c="dimmed">{t('frameworks.editor.publish.noChange', { previous: previousNumber })}</Text>;

  return (
    <Stack gap="md">
      <DiffSection title={t('frameworks.editor.publish.added')} count={diff.added.length} color="green">
        {diff.added.map((ref) => (
          <li key={ref.indicatorKey}>{refTitle(ref)}</li>
        ))}
      </DiffSection>
      <DiffSection title={t('frameworks.editor.publish.removed')} count={diff.removed.length} color="red">
        {diff.removed.map((ref) => (
          <li key={ref.indicatorKey}>{refTitle(ref)}</li>
        ))}
      </DiffSection>
      <DiffSection title={t('frameworks.editor.publish.reworded')} count={diff.reworded.length} color="blue">
        {diff.reworded.map((item) => (
          <li key={item.indicatorKey}>
            <Text span fw={500}>
              {titleOf(item.indicatorKey)}
            </Text>{' '}
            <Text span size="sm" c="dimmed">
              ({t('frameworks.editor.publish.changeCount', { count: item.changes.length })})
            </Text>
            <ul className="diff-list">
              {item.changes.slice(0, 6).map((change) => (
                <li key={`${change.path}-${change.locale}`} className="diff-change">
                  <Text span size="xs" c="dimmed">
                    {describeTextChange(change.path, change.locale, t)}
                  </Text>{' '}
                  <span className="visually-hidden">{t('frameworks.editor.publish.before')}</span>
                  <del className="diff-before" lang={change.locale}>
                    {change.before ?? t('frameworks.editor.publish.empty')}
                  </del>{' '}
                  →{' '}
                  <span className="visually-hidden">{t('frameworks.editor.publish.after')}</span>
                  <ins className="diff-after" lang={change.locale}>
                    {change.after ?? t('frameworks.editor.publish.empty')}
                  </ins>
                </li>
              ))}
              {item.changes.length > 6 && <li className="diff-change">…</li>}
            </ul>
          </li>
        ))}
      </DiffSection>
      <DiffSection title={t('frameworks.editor.publish.rescored')} count={diff.rescored.length} color="orange">
        {diff.rescored.map((item) => (
          <li key={item.indicatorKey}>
            {titleOf(item.indicatorKey)}{' '}
            <Text span size="sm" c="dimmed">
              ({item.reasons.map((reason) => t(`frameworks.editor.publish.reasons.${reason}`)).join(', ')})
            </Text>
          </li>
        ))}
      </DiffSection>
      <DiffSection title={t('frameworks.editor.publish.moved')} count={diff.moved.length} color="grape">
        {diff.moved.map((item) => (
          <li key={item.indicatorKey}>
            {titleOf(item.indicatorKey)}{' '}
            <Text span size="sm" c="dimmed">
              ({t('frameworks.editor.publish.movedFromTo', { from: place(item.from), to: place(item.to) })})
            </Text>
          </li>
        ))}
      </DiffSection>
    </Stack>
  );
}

/** `questions.q_x.wording.staff` (fr) → "Formulation — Salarié·es (français)". */
function describeTextChange(path: string, locale: 'fr' | 'en', t: TFunction): string {
  const fields = 'frameworks.editor.fields';
  let label = path;
  const wording = /^questions\.[^.]+\.wording\.([a-z_]+)$/.exec(path);
  const point = /^scale\.labels\[(\d+)\]$/.exec(path);
  const choice = /^choices\.(.+)\.label$/.exec(path);
  if (wording && isStakeholderGroupKey(wording[1])) label = t(`${fields}.wording`, { group: groupLabel(wording[1]) });
  else if (/^questions\.[^.]+\.help$/.test(path)) label = t(`${fields}.help`);
  else if (/^questions\.[^.]+\.why\.label$/.test(path)) label = t(`${fields}.whyLabel`);
  else if (path === 'unit') label = t(`${fields}.unit`);
  else if (path === 'scale.minLabel') label = t(`${fields}.scaleMinLabel`);
  else if (path === 'scale.maxLabel') label = t(`${fields}.scaleMaxLabel`);
  else if (point) label = t(`${fields}.scalePointLabel`, { point: Number(point[1]) + 1 });
  else if (choice) label = `${t(`${fields}.choices`)} · ${choice[1]}`;
  return locale === 'fr' ? t(`${fields}.french`, { label }) : t(`${fields}.english`, { label });
}

function DiffSection({ title, count, color, children }: { title: string; count: number; color: string; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section>
      <Group gap="xs" mb={4}>
        <Title order={3} size="h4">
          {title}
        </Title>
        <Badge color={color} variant="light" radius="sm">
          {count}
        </Badge>
      </Group>
      <ul className="diff-list">{children}</ul>
    </section>
  );
}
