import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';
import { formErrorsOf } from '../../components/errors';
import { notifySuccess } from '../../components/notify';

const FIELDS = ['name'] as const;

export function CreateFrameworkModal({ workspaceId, opened, onClose }: { workspaceId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [general, setGeneral] = useState<string>();

  function close() {
    setName('');
    setError(undefined);
    setGeneral(undefined);
    onClose();
  }

  const create = useMutation({
    mutationFn: () => frameworksApi.create(workspaceId, { name: name.trim() }),
    onSuccess: async (framework) => {
      queryClient.setQueryData(queryKeys.framework(workspaceId, framework.id), framework);
      await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspaceId), exact: true });
      notifySuccess(t('frameworks.created', { name: framework.name }));
      close();
      await navigate(`/w/${workspaceId}/frameworks/${framework.id}`);
    },
    onError: (failure) => {
      const mapped = formErrorsOf(failure, FIELDS, t);
      setError(mapped.fields.name);
      setGeneral(mapped.general);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(undefined);
    if (!name.trim()) {
      setError(t('errors.required'));
      return;
    }
    setError(undefined);
    create.mutate();
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('frameworks.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={window.matchMedia('(max-width: 30em)').matches}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {general && (
            <Alert color="red" variant="light" role="alert">
              {general}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('frameworks.createHint')}
          </Text>
          <TextInput
            label={t('frameworks.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
            maxLength={200}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('frameworks.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
