import { Drawer, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import type { EvaluationRef } from '../evaluations/use-evaluations';
import { formatDateTime } from '../evaluations/evaluation-labels';
import { useSectionHistory } from './use-report';

const FIELDS = ['title', 'narrative', 'charts', 'stories', 'testimonies', 'actions'] as const;
type Field = (typeof FIELDS)[number];
const isField = (value: string): value is Field => (FIELDS as readonly string[]).includes(value);

/** Who changed what in a section, and when: newest first, in a drawer beside the editor. */
export function SectionHistoryDrawer({
  evaluationRef,
  sectionKey,
  title,
  opened,
  onClose,
}: {
  evaluationRef: EvaluationRef;
  sectionKey: string;
  title: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const history = useSectionHistory(evaluationRef, sectionKey, opened);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      title={t('reports.section.historyLabel', { title })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {history.isPending ? (
        <PageLoader />
      ) : history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <Text c="dimmed">{t('reports.history.none')}</Text>
      ) : (
        <ol className="report-history" aria-label={t('reports.history.title')}>
          {history.data.map((entry) => {
            const date = formatDateTime(entry.at);
            const fields = entry.fields.map((field) => (isField(field) ? t(`reports.history.fields.${field}`) : field)).join(', ');
            return (
              <li key={entry.version}>
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    {t('reports.history.entry', { version: entry.version })}
                  </Text>
                  <Text size="sm">{entry.user ? t('reports.history.by', { name: entry.user.name, date }) : t('reports.history.byUnknown', { date })}</Text>
                  {fields && (
                    <Text size="sm" c="dimmed">
                      {t('reports.history.fieldsLabel', { fields })}
                    </Text>
                  )}
                </Stack>
              </li>
            );
          })}
        </ol>
      )}
    </Drawer>
  );
}
