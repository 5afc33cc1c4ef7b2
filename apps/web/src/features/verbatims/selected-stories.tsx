import { Badge, Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { groupLabel } from '../frameworks/framework-labels';
import { themeColor } from './theme-color';
import { useThemes, useVerbatims, type VerbatimsRef } from './use-verbatims';
import { VerbatimText } from './verbatim-text';
import './verbatims.css';

const SELECTED = { selected: true } as const;

/**
 * The stories chosen for the report, read-only, each with why it was chosen: what the dashboard
 * shows (the board included). Masked as everywhere; a story of a group now under k is not listed.
 */
export function SelectedStories({ workspaceId, organizationId, evaluationId }: VerbatimsRef) {
  const { t } = useTranslation();
  const ref = useMemo(() => ({ workspaceId, organizationId, evaluationId }), [workspaceId, organizationId, evaluationId]);
  const stories = useVerbatims(ref, SELECTED);
  const themes = useThemes(ref);

  if (stories.isPending) return <PageLoader />;
  if (stories.isError) return <QueryError error={stories.error} onRetry={() => void stories.refetch()} />;
  const items = stories.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <Text c="dimmed">{t('verbatims.stories.none')}</Text>;
  const all = themes.data ?? [];
  return (
    <ul className="verbatim-list story-list" aria-label={t('verbatims.stories.listLabel')}>
      {items.map((story) => (
        <li key={story.id} className="verbatim-item">
          <Stack gap={6}>
            <Group gap="xs">
              <Badge variant="outline" color="gray" radius="sm">
                {groupLabel(story.groupKey)}
              </Badge>
              {story.themeIds.map((id) => {
                const index = all.findIndex((theme) => theme.id === id);
                const theme = all[index];
                return theme ? (
                  <Badge key={id} color={themeColor(theme, index)} variant="dot" radius="sm">
                    {theme.label}
                  </Badge>
                ) : null;
              })}
            </Group>
            <VerbatimText text={story.selection?.text ?? story.text} masked={story.masked} />
            <div className="verbatim-selection">
              <Text size="sm" fw={500}>
                {t('verbatims.stories.reason')}
              </Text>
              <Text size="sm">{story.selection?.reason}</Text>
            </div>
          </Stack>
        </li>
      ))}
    </ul>
  );
}
