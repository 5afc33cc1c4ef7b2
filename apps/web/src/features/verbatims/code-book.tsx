import { ActionIcon, Badge, Button, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { THEME_COLORS, THEME_DESCRIPTION_MAX, THEME_LABEL_MAX, type ThemeColor, type VerbatimTheme } from '../../api/verbatims-api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { IconPlus, IconTrash } from '../../components/icons';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { themeColor } from './theme-color';
import { useInvalidateVerbatims, useThemes, useVerbatimsApi, type VerbatimsRef } from './use-verbatims';
import { verbatimProblem } from './verbatim-errors';

/** The evaluation's code book: its themes with how many verbatims each codes; added, renamed and deleted by those who code. */
export function CodeBook({ verbatimsRef, canEdit }: { verbatimsRef: VerbatimsRef; canEdit: boolean }) {
  const { t } = useTranslation();
  const themes = useThemes(verbatimsRef);
  const [editing, setEditing] = useState<VerbatimTheme | 'new'>();
  const [deleting, setDeleting] = useState<VerbatimTheme>();

  return (
    <Section
      title={t('verbatims.codeBook.title')}
      description={t('verbatims.codeBook.intro')}
      actions={
        canEdit && (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('verbatims.codeBook.add')}
          </Button>
        )
      }
    >
      {themes.isPending ? (
        <PageLoader />
      ) : themes.isError ? (
        <QueryError error={themes.error} onRetry={() => void themes.refetch()} />
      ) : themes.data.length === 0 ? (
        <Text c="dimmed">{canEdit ? t('verbatims.codeBook.emptyEditor') : t('verbatims.codeBook.empty')}</Text>
      ) : (
        <ul className="theme-list" aria-label={t('verbatims.codeBook.listLabel')}>
          {themes.data.map((theme, index) => (
            <li key={theme.id}>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <div className="theme-list-text">
                  <Group gap="xs">
                    <Badge color={themeColor(theme, index)} variant="dot" radius="sm">
                      {theme.label}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t('verbatims.codeBook.usage', { count: theme.verbatimCount })}
                    </Text>
                  </Group>
                  {theme.description && (
                    <Text size="sm" c="dimmed" mt={2}>
                      {theme.description}
                    </Text>
                  )}
                </div>
                {canEdit && (
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-sm" variant="subtle" aria-label={t('verbatims.codeBook.editLabel', { label: theme.label })} onClick={() => setEditing(theme)}>
                      {t('verbatims.codeBook.edit')}
                    </Button>
                    <ActionIcon variant="subtle" color="red" aria-label={t('verbatims.codeBook.deleteLabel', { label: theme.label })} onClick={() => setDeleting(theme)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </li>
          ))}
        </ul>
      )}
      {editing && <ThemeModal verbatimsRef={verbatimsRef} theme={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
      {deleting && <DeleteTheme verbatimsRef={verbatimsRef} theme={deleting} onClose={() => setDeleting(undefined)} />}
    </Section>
  );
}

function ThemeModal({ verbatimsRef, theme, onClose }: { verbatimsRef: VerbatimsRef; theme: VerbatimTheme | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useVerbatimsApi(verbatimsRef);
  const invalidate = useInvalidateVerbatims(verbatimsRef);
  const [label, setLabel] = useState(theme?.label ?? '');
  const [description, setDescription] = useState(theme?.description ?? '');
  const [color, setColor] = useState<ThemeColor | ''>(theme?.color ?? '');
  const [labelError, setLabelError] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const save = useMutation({
    mutationFn: () => {
      const input = { label: label.trim(), description: description.trim() || null, color: color || null };
      return theme ? client.updateTheme(theme.id, input) : client.createTheme(input);
    },
    onSuccess: () => {
      void invalidate();
      notifySuccess(theme ? t('verbatims.codeBook.updated') : t('verbatims.codeBook.created'));
      onClose();
    },
    onError: (failure) => {
      const sentence = verbatimProblem(failure, t);
      if (sentence === t('verbatims.codeBook.duplicate')) setLabelError(sentence);
      else setProblem(sentence);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    if (!label.trim()) {
      setLabelError(t('verbatims.codeBook.labelRequired'));
      return;
    }
    setLabelError(undefined);
    save.mutate();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={theme ? t('verbatims.codeBook.editTitle') : t('verbatims.codeBook.addTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('verbatims.codeBook.label')}
            value={label}
            onChange={(event) => setLabel(event.currentTarget.value)}
            error={labelError}
            required
            maxLength={THEME_LABEL_MAX}
            data-autofocus
          />
          <Textarea
            label={t('verbatims.codeBook.description')}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={THEME_DESCRIPTION_MAX}
          />
          <NativeSelect
            label={t('verbatims.codeBook.color')}
            value={color}
            onChange={(event) => setColor(event.currentTarget.value as ThemeColor | '')}
            data={[{ value: '', label: t('verbatims.codeBook.autoColor') }, ...THEME_COLORS.map((c) => ({ value: c, label: t(`verbatims.codeBook.colors.${c}`) }))]}
          />
          {problem && (
            <Text c="red" size="sm" role="alert">
              {problem}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {theme ? t('verbatims.codeBook.save') : t('verbatims.codeBook.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeleteTheme({ verbatimsRef, theme, onClose }: { verbatimsRef: VerbatimsRef; theme: VerbatimTheme; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useVerbatimsApi(verbatimsRef);
  const invalidate = useInvalidateVerbatims(verbatimsRef);
  const [problem, setProblem] = useState<string>();
  const remove = useMutation({
    mutationFn: () => client.deleteTheme(theme.id),
    onSuccess: () => {
      void invalidate();
      notifySuccess(t('verbatims.codeBook.deleted'));
      onClose();
    },
    onError: (failure) => setProblem(verbatimProblem(failure, t)),
  });
  return (
    <ConfirmDialog
      opened
      title={t('verbatims.codeBook.deleteTitle', { label: theme.label })}
      message={problem ?? t('verbatims.codeBook.deleteMessage', { count: theme.verbatimCount })}
      confirmLabel={t('verbatims.codeBook.delete')}
      loading={remove.isPending}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
    />
  );
}
