import { Alert, Button, Checkbox, Modal, NativeSelect, Stack, Text, TextInput, Group } from '@mantine/core';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { sessionKeys, sessionsApi } from '../../api/sessions-api';
import { formErrorsOf } from '../../components/errors';
import { notifySuccess } from '../../components/notify';
import { sessionErrorText } from './session-errors';
import { groupLabel, localeOf, spacedCode } from './session-labels';

export interface OpenSessionProps {
  workspaceId: string;
  organizationId: string;
  evaluationId: string;
  /** The evaluation's groups, in display order. */
  groups: ReadonlyArray<{ groupKey: StakeholderGroupKey }>;
}

/** A button that opens the dialog below; the evaluation page decides when to show it (facilitators, while collecting). */
export function OpenSessionButton(props: OpenSessionProps & { disabled?: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const { disabled, ...rest } = props;
  return (
    <>
      <Button onClick={() => setOpened(true)} disabled={disabled || props.groups.length === 0}>
        {t('sessions.open.button')}
      </Button>
      <OpenSessionModal {...rest} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

const FIELDS = ['groupKey', 'title', 'consensus'] as const;
type Field = (typeof FIELDS)[number];

/** Opens a collective session for one group, then shows its screen. */
export function OpenSessionModal({ workspaceId, organizationId, evaluationId, groups, opened, onClose }: OpenSessionProps & { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [groupKey, setGroupKey] = useState<StakeholderGroupKey | undefined>(groups[0]?.groupKey);
  const [title, setTitle] = useState('');
  const [consensus, setConsensus] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string>();
  const chosen = groupKey && groups.some((group) => group.groupKey === groupKey) ? groupKey : groups[0]?.groupKey;

  function reset() {
    setTitle('');
    setConsensus(false);
    setErrors({});
    setGeneral(undefined);
  }

  const open = useMutation({
    mutationFn: () =>
      sessionsApi.open(workspaceId, organizationId, evaluationId, {
        groupKey: chosen!,
        consensus,
        ...(title.trim() !== '' && { title: title.trim() }),
      }),
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKeys.one(workspaceId, organizationId, evaluationId, session.id), session);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.list(workspaceId, organizationId, evaluationId), exact: true });
      notifySuccess(t('sessions.open.opened', { code: spacedCode(session.code) }));
      reset();
      onClose();
      await navigate(`/w/${workspaceId}/organizations/${organizationId}/evaluations/${evaluationId}/sessions/${session.id}`);
    },
    onError: (error) => {
      const mapped = formErrorsOf(error, FIELDS, t);
      setErrors(mapped.fields);
      setGeneral(Object.keys(mapped.fields).length > 0 ? mapped.general : sessionErrorText(error, t));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setGeneral(undefined);
    if (chosen) open.mutate();
  }

  function cancel() {
    reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={cancel} title={t('sessions.open.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('sessions.open.intro')}</Text>
          {general && (
            <Alert color="red" variant="light" role="alert">
              {general}
            </Alert>
          )}
          <NativeSelect
            label={t('sessions.open.group')}
            value={chosen ?? ''}
            error={errors.groupKey}
            onChange={(event) => setGroupKey(event.currentTarget.value as StakeholderGroupKey)}
            data={groups.map((group) => ({ value: group.groupKey, label: groupLabel(group.groupKey, locale) }))}
          />
          <TextInput
            label={t('sessions.open.sessionTitle')}
            description={t('sessions.open.sessionTitleHint')}
            value={title}
            maxLength={200}
            error={errors.title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <Checkbox
            label={t('sessions.open.consensus')}
            description={t('sessions.open.consensusHint')}
            checked={consensus}
            error={errors.consensus}
            onChange={(event) => setConsensus(event.currentTarget.checked)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={cancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending} disabled={!chosen}>
              {t('sessions.open.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
