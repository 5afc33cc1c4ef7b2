import { Accordion, Alert, Button, Group, SegmentedControl, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NARRATIVE_MAX, type ReportSection, type ReportsApi } from '../../api/reports-api';
import { QueryError } from '../../components/query-error';
import { PageLoader } from '../../components/page-loader';
import { formatDateTime } from '../evaluations/evaluation-labels';
import type { EvaluationRef } from '../evaluations/use-evaluations';
import { MarkdownView } from './markdown-view';
import { MergePanel } from './merge-panel';
import { reportProblem } from './report-errors';
import { SectionHistoryDrawer } from './section-history';
import { ActionsEditor, TestimoniesEditor } from './section-lists';
import { ChartsPicker, StoriesPicker, type ChartGroup } from './section-pickers';
import { useSectionAutosave, type SaveStatus, type SaveStatusKind } from './use-section-autosave';

/** The dashboard's charts as the pickers need them, or why they are not there. */
export type ChartChoices = { state: 'pending' } | { state: 'error'; error: unknown; retry: () => void } | { state: 'ready'; groups: ChartGroup[] };

interface SectionEditorProps {
  evaluationRef: EvaluationRef;
  client: ReportsApi;
  userId: string;
  reportId: string;
  section: ReportSection;
  groups: StakeholderGroupKey[];
  charts: ChartChoices;
  onSaved: (section: ReportSection) => void;
  onStatus: (sectionKey: string, status: SaveStatusKind) => void;
}

/**
 * One section of the report: its title, its narrative (markdown, with a preview), its charts,
 * stories, testimonies and — for the action plan — its actions, all saved automatically.
 */
export function SectionEditor({ evaluationRef, client, userId, reportId, section, groups, charts, onSaved, onStatus }: SectionEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const narrativeId = useId();
  const autosave = useSectionAutosave({ client, userId, reportId, section, onSaved });
  const { fields, status, restored, change, flush } = autosave;
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [historyOpen, setHistoryOpen] = useState(false);

  useEffect(() => onStatus(section.key, status.kind), [onStatus, section.key, status.kind]);

  const dimensionKey = section.kind === 'dimension' ? section.key.slice('dimension:'.length) : null;
  const tooLong = fields.narrative.length > NARRATIVE_MAX;
  // In a conflict, the latest save is theirs.
  const latest = status.kind === 'conflict' ? status.current : section;
  const lastChange = latest.updatedAt
    ? latest.updatedBy
      ? t('reports.section.lastChange', { name: latest.updatedBy.name, date: formatDateTime(latest.updatedAt) })
      : t('reports.section.lastChangeUnknown', { date: formatDateTime(latest.updatedAt) })
    : t('reports.section.neverChanged');

  return (
    <section aria-labelledby={headingId} className="report-section" onBlur={flush}>
      <Stack gap="md">
        {/* The tools keep one width whatever the save state says, so that nothing below moves while one writes. */}
        <div className="report-section-header">
          <div className="report-section-heading">
            <Title order={3} id={headingId}>
              {fields.title || t(`reports.kinds.${section.kind}`)}
            </Title>
            <Text size="xs" c="dimmed" mt={2}>
              {lastChange}
            </Text>
          </div>
          <div className="report-section-tools">
            <SaveIndicator status={status} />
            <Button variant="default" size="compact-sm" onClick={() => setHistoryOpen(true)}>
              {t('reports.section.history')}
            </Button>
          </div>
        </div>
        {status.kind === 'error' && (
          <Group gap="xs" className="report-save-problem">
            <Text size="sm">
              {reportProblem(status.error, t)}
              {status.willRetry && ` ${t('reports.save.retrying')}`}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => void autosave.retry()}>
              {t('reports.save.retry')}
            </Button>
          </Group>
        )}

        {restored && (
          <Alert color="yellow" variant="light" title={t('reports.restored.title')}>
            <Text size="sm">{t('reports.restored.text', { date: formatDateTime(restored.savedAt) })}</Text>
            <Group gap="sm" mt="xs">
              <Button size="compact-sm" onClick={autosave.keepRestored}>
                {t('reports.restored.keep')}
              </Button>
              <Button size="compact-sm" variant="default" onClick={autosave.discardRestored}>
                {t('reports.restored.discard')}
              </Button>
            </Group>
          </Alert>
        )}

        {status.kind === 'conflict' && (
          <MergePanel
            key={status.current.version}
            theirs={status.current}
            mine={fields}
            onKeepMine={autosave.keepMine}
            onTakeTheirs={autosave.takeTheirs}
            onSaveMerged={autosave.saveMerged}
          />
        )}

        <TextInput label={t('reports.section.titleLabel')} value={fields.title} onChange={(event) => change({ title: event.currentTarget.value })} maxLength={200} />

        {status.kind !== 'conflict' && (
          <div>
            <Group justify="space-between" align="flex-end" gap="sm" mb={6}>
              {mode === 'write' ? (
                <Text component="label" htmlFor={narrativeId} fw={500} size="sm">
                  {t('reports.section.narrativeLabel')}
                </Text>
              ) : (
                <Text component="span" fw={500} size="sm">
                  {t('reports.section.previewLabel')}
                </Text>
              )}
              <SegmentedControl
                size="xs"
                aria-label={t('reports.section.modeLabel')}
                value={mode}
                onChange={(value) => setMode(value === 'preview' ? 'preview' : 'write')}
                data={[
                  { value: 'write', label: t('reports.section.write') },
                  { value: 'preview', label: t('reports.section.preview') },
                ]}
              />
            </Group>
            {mode === 'write' ? (
              <Textarea
                id={narrativeId}
                description={t('reports.section.narrativeHint')}
                inputWrapperOrder={['input', 'description', 'error']}
                value={fields.narrative}
                onChange={(event) => change({ narrative: event.currentTarget.value })}
                error={tooLong ? t('reports.section.tooLong', { max: NARRATIVE_MAX.toLocaleString() }) : undefined}
                autosize
                minRows={8}
                maxRows={30}
                className="report-narrative"
              />
            ) : fields.narrative.trim() ? (
              <MarkdownView text={fields.narrative} className="report-preview" label={t('reports.section.previewLabel')} />
            ) : (
              <Text c="dimmed" size="sm" className="report-preview">
                {t('reports.section.previewEmpty')}
              </Text>
            )}
          </div>
        )}

        <Accordion multiple variant="separated" defaultValue={section.kind === 'action-plan' ? ['actions'] : []} className="report-accordion">
          {section.kind === 'action-plan' && (
            <Accordion.Item value="actions">
              <Accordion.Control>{t('reports.actions.legend')}</Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('reports.actions.hint')}
                </Text>
                <ActionsEditor value={fields.actions} onChange={(actions) => change({ actions })} onBlur={flush} />
              </Accordion.Panel>
            </Accordion.Item>
          )}
          <Accordion.Item value="charts">
            <Accordion.Control>
              {t('reports.charts.legend')} · {t('reports.charts.count', { count: fields.charts.length })}
            </Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" c="dimmed" mb="sm">
                {t('reports.charts.hint')}
              </Text>
              {charts.state === 'pending' ? (
                <PageLoader />
              ) : charts.state === 'error' ? (
                <QueryError error={charts.error} onRetry={charts.retry} />
              ) : (
                <ChartsPicker groups={charts.groups} dimensionKey={dimensionKey} value={fields.charts} onChange={(value) => change({ charts: value })} />
              )}
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="stories">
            <Accordion.Control>
              {t('reports.stories.legend')} · {t('reports.stories.count', { count: fields.stories.length })}
            </Accordion.Control>
            <Accordion.Panel>
              <StoriesPicker verbatimsRef={evaluationRef} value={fields.stories} onChange={(value) => change({ stories: value })} />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="testimonies">
            <Accordion.Control>
              {t('reports.testimonies.legend')} · {t('reports.testimonies.count', { count: fields.testimonies.length })}
            </Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" c="dimmed" mb="sm">
                {t('reports.testimonies.hint')}
              </Text>
              <TestimoniesEditor value={fields.testimonies} groups={groups} onChange={(testimonies) => change({ testimonies })} onBlur={flush} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      </Stack>
      <SectionHistoryDrawer
        evaluationRef={evaluationRef}
        sectionKey={section.key}
        title={fields.title}
        opened={historyOpen}
        onClose={() => setHistoryOpen(false)}
      />
    </section>
  );
}

/**
 * Where the section's changes are, in a few words: a live region, so that a screen reader hears
 * « Enregistré ». What went wrong, if anything, is said in full below the heading.
 */
function SaveIndicator({ status }: { status: SaveStatus }) {
  const { t } = useTranslation();
  const text =
    status.kind === 'saved'
      ? t('reports.save.saved')
      : status.kind === 'saving'
        ? t('reports.save.saving')
        : status.kind === 'unsaved' || status.kind === 'too-long'
          ? t('reports.save.unsaved')
          : status.kind === 'conflict'
            ? t('reports.save.conflict')
            : t('reports.save.failed');
  return (
    <div className="report-save" data-state={status.kind}>
      <div role="status" aria-live="polite" aria-atomic="true" className="report-save-text">
        <span className="report-save-dot" aria-hidden="true" />
        {text}
        {status.kind === 'error' && <span className="visually-hidden"> {reportProblem(status.error, t)}</span>}
      </div>
    </div>
  );
}
