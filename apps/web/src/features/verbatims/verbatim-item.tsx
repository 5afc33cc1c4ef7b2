import { Badge, Button, Chip, Group, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Verbatim, VerbatimTheme } from '../../api/verbatims-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDay } from '../evaluations/evaluation-labels';
import { groupLabel } from '../frameworks/framework-labels';
import { themeColor } from './theme-color';
import { useInvalidateVerbatims, useVerbatimsApi, type VerbatimLabels, type VerbatimsRef } from './use-verbatims';
import { verbatimProblem } from './verbatim-errors';
import { VerbatimText } from './verbatim-text';

interface ItemProps {
  verbatimsRef: VerbatimsRef;
  verbatim: Verbatim;
  themes: readonly VerbatimTheme[];
  labels: VerbatimLabels;
  canEdit: boolean;
  onChoose: (verbatim: Verbatim) => void;
}

/** One verbatim: where it comes from, its masked text, its themes and, when chosen, why. */
export function VerbatimItem({ verbatimsRef, verbatim, themes, labels, canEdit, onChoose }: ItemProps) {
  const { t } = useTranslation();
  const question = labels.questions.get(`${verbatim.groupKey}:${verbatim.questionKey}`);
  const dimension = labels.dimensions.get(verbatim.dimensionKey);
  return (
    <li className="verbatim-item" data-verbatim-id={verbatim.id}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge variant="outline" color="gray" radius="sm">
            {groupLabel(verbatim.groupKey)}
          </Badge>
          {dimension && (
            <Text size="xs" c="dimmed">
              {dimension}
            </Text>
          )}
          {verbatim.selection && (
            <Badge color="grape" radius="sm">
              {t('verbatims.story.badge')}
            </Badge>
          )}
        </Group>
        {question && (
          <Text size="sm" c="dimmed">
            {verbatim.part === 'why' ? `${question} — ${t('verbatims.part.why')}` : question}
          </Text>
        )}
        <VerbatimText text={verbatim.text} masked={verbatim.masked} />
        <Coding verbatimsRef={verbatimsRef} verbatim={verbatim} themes={themes} canEdit={canEdit} />
        {verbatim.selection ? (
          <Selection verbatimsRef={verbatimsRef} verbatim={verbatim} canEdit={canEdit} onEdit={() => onChoose(verbatim)} />
        ) : (
          canEdit && (
            <Group>
              <Button
                size="compact-sm"
                variant="light"
                aria-label={t('verbatims.story.chooseLabel', { excerpt: excerpt(verbatim.text) })}
                onClick={() => onChoose(verbatim)}
              >
                {t('verbatims.story.choose')}
              </Button>
            </Group>
          )
        )}
      </Stack>
    </li>
  );
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The verbatim's themes: chips to toggle for those who code, badges for the others. */
function Coding({ verbatimsRef, verbatim, themes, canEdit }: { verbatimsRef: VerbatimsRef; verbatim: Verbatim; themes: readonly VerbatimTheme[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const labelId = useId();
  const client = useVerbatimsApi(verbatimsRef);
  const invalidate = useInvalidateVerbatims(verbatimsRef);
  const [pending, setPending] = useState<string[]>();
  const code = useMutation({
    mutationFn: (themeIds: string[]) => client.setThemes(verbatim.id, themeIds),
    onMutate: (themeIds) => setPending(themeIds),
    onSuccess: () => notifySuccess(t('verbatims.coding.saved')),
    onError: (failure) => notifyError(verbatimProblem(failure, t)),
    onSettled: async () => {
      await invalidate();
      setPending(undefined);
    },
  });
  const value = pending ?? verbatim.themeIds;
  const indexOf = (id: string) => themes.findIndex((theme) => theme.id === id);

  if (!canEdit) {
    const assigned = verbatim.themeIds.map((id) => themes[indexOf(id)]).filter((theme): theme is VerbatimTheme => theme !== undefined);
    if (assigned.length === 0) return null;
    return (
      <Group gap={6} aria-label={t('verbatims.coding.label')} role="group">
        {assigned.map((theme) => (
          <Badge key={theme.id} color={themeColor(theme, indexOf(theme.id))} variant="dot" radius="sm">
            {theme.label}
          </Badge>
        ))}
      </Group>
    );
  }
  if (themes.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('verbatims.coding.noThemes')}
      </Text>
    );
  }
  return (
    <div role="group" aria-labelledby={labelId}>
      <Text id={labelId} size="xs" c="dimmed" mb={4}>
        {t('verbatims.coding.label')}
      </Text>
      <Chip.Group multiple value={value} onChange={(next) => code.mutate(next)}>
        <Group gap={6}>
          {themes.map((theme) => (
            <Chip key={theme.id} value={theme.id} size="xs" disabled={code.isPending}>
              {theme.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </div>
  );
}

/** Why the story was chosen, by whom and when; those who code may change the reason or no longer keep it. */
function Selection({ verbatimsRef, verbatim, canEdit, onEdit }: { verbatimsRef: VerbatimsRef; verbatim: Verbatim; canEdit: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const client = useVerbatimsApi(verbatimsRef);
  const invalidate = useInvalidateVerbatims(verbatimsRef);
  const [confirming, setConfirming] = useState(false);
  const selection = verbatim.selection!;
  const remove = useMutation({
    mutationFn: () => client.unselect(verbatim.id),
    onSuccess: () => {
      void invalidate();
      notifySuccess(t('verbatims.story.removed'));
      setConfirming(false);
    },
    onError: (failure) => {
      notifyError(verbatimProblem(failure, t));
      setConfirming(false);
    },
  });
  const date = formatDay(selection.selectedAt);
  return (
    <div className="verbatim-selection">
      <Text size="sm">{t('verbatims.story.reason', { reason: selection.reason })}</Text>
      <Text size="xs" c="dimmed">
        {selection.selectedBy ? t('verbatims.story.by', { name: selection.selectedBy.name, date }) : t('verbatims.story.byUnknown', { date })}
      </Text>
      {canEdit && (
        <Group gap="xs" mt={4}>
          <Button size="compact-sm" variant="subtle" onClick={onEdit}>
            {t('verbatims.story.editReason')}
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)}>
            {t('verbatims.story.remove')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('verbatims.story.removeTitle')}
        message={t('verbatims.story.removeMessage')}
        confirmLabel={t('verbatims.story.remove')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
