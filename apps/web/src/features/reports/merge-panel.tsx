import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSection, SectionFields } from '../../api/reports-api';
import { announce } from '../../components/live-announcer';
import { formatDateTime } from '../evaluations/evaluation-labels';

interface MergePanelProps {
  /** The section as someone else saved it. */
  theirs: ReportSection;
  mine: SectionFields;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onSaveMerged: (narrative: string) => void;
}

/** The marker lines start with this run of dashes, in any language. */
const MARKER = '————';

/**
 * A section saved by someone else while this writer was writing: both texts side by side, and
 * three ways out — keep mine, take theirs, or a merged text, prefilled with theirs then mine
 * between marker lines that must be removed before saving.
 */
export function MergePanel({ theirs, mine, onKeepMine, onTakeTheirs, onSaveMerged }: MergePanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const name = theirs.updatedBy?.name;
  const [merged, setMerged] = useState(() =>
    [
      name ? t('reports.conflict.markerTheirs', { name }) : t('reports.conflict.markerTheirsUnknown'),
      theirs.narrative,
      '',
      t('reports.conflict.markerMine'),
      mine.narrative,
    ].join('\n'),
  );
  const [markersLeft, setMarkersLeft] = useState(false);
  const date = theirs.updatedAt ? formatDateTime(theirs.updatedAt) : '';

  function saveMerged() {
    if (merged.split('\n').some((line) => line.trimStart().startsWith(MARKER))) {
      setMarkersLeft(true);
      announce(t('reports.conflict.markersLeft'), 'assertive');
      return;
    }
    setMarkersLeft(false);
    onSaveMerged(merged);
  }

  return (
    <Paper component="section" aria-labelledby={titleId} className="report-merge" p="md" withBorder>
      <Stack gap="md">
        <div>
          <Title order={4} id={titleId}>
            {t('reports.conflict.title')}
          </Title>
          <Text size="sm" mt={4}>
            {name ? t('reports.conflict.detail', { name, date }) : t('reports.conflict.detailUnknown', { date })}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <div>
            <Text fw={600} size="sm" mb={4}>
              {name ? t('reports.conflict.theirsBy', { name }) : t('reports.conflict.theirs')}
            </Text>
            <div className="report-merge-text" aria-label={t('reports.conflict.theirs')} role="region" tabIndex={0}>
              {theirs.narrative || <Text span c="dimmed">{t('reports.conflict.empty')}</Text>}
            </div>
          </div>
          <div>
            <Text fw={600} size="sm" mb={4}>
              {t('reports.conflict.mine')}
            </Text>
            <div className="report-merge-text report-merge-mine" aria-label={t('reports.conflict.mine')} role="region" tabIndex={0}>
              {mine.narrative || <Text span c="dimmed">{t('reports.conflict.empty')}</Text>}
            </div>
          </div>
        </SimpleGrid>
        {theirs.title !== mine.title && (
          <Text size="sm">{t('reports.conflict.titles', { theirs: theirs.title, mine: mine.title })}</Text>
        )}
        <Group gap="sm">
          <Button onClick={onKeepMine}>{t('reports.conflict.keepMine')}</Button>
          <Button variant="default" onClick={onTakeTheirs}>
            {t('reports.conflict.takeTheirs')}
          </Button>
        </Group>
        <Textarea
          label={t('reports.conflict.mergedLabel')}
          description={t('reports.conflict.mergedHint')}
          value={merged}
          onChange={(event) => setMerged(event.currentTarget.value)}
          error={markersLeft ? t('reports.conflict.markersLeft') : undefined}
          autosize
          minRows={6}
          maxRows={24}
        />
        <Text size="xs" c="dimmed">
          {t('reports.conflict.otherFields')}
        </Text>
        <div>
          <Button variant="light" onClick={saveMerged}>
            {t('reports.conflict.saveMerged')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
