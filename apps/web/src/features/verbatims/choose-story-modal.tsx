import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SELECTION_REASON, type Verbatim } from '../../api/verbatims-api';
import { notifySuccess } from '../../components/notify';
import { verbatimProblem } from './verbatim-errors';
import { VerbatimText } from './verbatim-text';
import { useInvalidateVerbatims, useVerbatimsApi, type VerbatimsRef } from './use-verbatims';

/**
 * Choosing a story for the report, or changing why: the masked text as it will be used, and the
 * reason, required (the "most significant change" practice asks the group to say why).
 */
export function ChooseStoryModal({ verbatimsRef, verbatim, onClose }: { verbatimsRef: VerbatimsRef; verbatim: Verbatim; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useVerbatimsApi(verbatimsRef);
  const invalidate = useInvalidateVerbatims(verbatimsRef);
  const editing = verbatim.selection !== null;
  const [reason, setReason] = useState(verbatim.selection?.reason ?? '');
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const save = useMutation({
    mutationFn: () => client.select(verbatim.id, reason.trim()),
    onSuccess: () => {
      void invalidate();
      notifySuccess(editing ? t('verbatims.story.reasonSaved') : t('verbatims.story.chosen'));
      onClose();
    },
    onError: (failure) => setProblem(verbatimProblem(failure, t)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblem(undefined);
    const length = reason.trim().length;
    if (length < SELECTION_REASON.min) {
      setError(t('verbatims.story.reasonTooShort', { min: SELECTION_REASON.min }));
      return;
    }
    if (length > SELECTION_REASON.max) {
      setError(t('verbatims.story.reasonTooLong', { max: SELECTION_REASON.max }));
      return;
    }
    setError(undefined);
    save.mutate();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('verbatims.story.modalEditTitle') : t('verbatims.story.modalTitle')}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!editing && <Text size="sm">{t('verbatims.story.modalIntro')}</Text>}
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('verbatims.story.preview')}
            </Text>
            <VerbatimText text={verbatim.selection?.text ?? verbatim.text} masked={verbatim.masked} />
          </div>
          {!editing && (
            <Text size="xs" c="dimmed">
              {t('verbatims.story.checkMasking')}
            </Text>
          )}
          <Textarea
            label={t('verbatims.story.reasonLabel')}
            description={t('verbatims.story.reasonHint', { min: SELECTION_REASON.min, max: SELECTION_REASON.max })}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            required
            autosize
            minRows={3}
            maxLength={SELECTION_REASON.max}
            data-autofocus
          />
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('verbatims.story.saveReason') : t('verbatims.story.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
