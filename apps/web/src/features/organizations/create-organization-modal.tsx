import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { organizationsApi } from '../../api/organizations-api';
import { queryKeys } from '../../api/query-keys';
import { formErrorsOf } from '../../components/errors';
import { notifySuccess } from '../../components/notify';
import {
  ORGANIZATION_FIELDS,
  OrganizationFields,
  emptyOrganization,
  toInput,
  validateOrganization,
  type OrganizationField,
} from './organization-fields';

export function CreateOrganizationModal({
  workspaceId,
  opened,
  onClose,
}: {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState(emptyOrganization);
  const [errors, setErrors] = useState<Partial<Record<OrganizationField, string>>>({});
  const [general, setGeneral] = useState<string>();

  function reset() {
    setValues(emptyOrganization);
    setErrors({});
    setGeneral(undefined);
  }

  const create = useMutation({
    mutationFn: () => organizationsApi.create(workspaceId, toInput(values)),
    onSuccess: async (organization) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations(workspaceId) });
      notifySuccess(t('organizations.created', { name: organization.name }));
      reset();
      onClose();
      await navigate(`/w/${workspaceId}/organizations/${organization.id}`);
    },
    onError: (error) => {
      const mapped = formErrorsOf(error, ORGANIZATION_FIELDS, t);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateOrganization(values, t);
    setErrors(found);
    setGeneral(undefined);
    if (Object.keys(found).length === 0) create.mutate();
  }

  return (
    <Modal
      opened={opened}
      onClose={() => {
        reset();
        onClose();
      }}
      title={t('organizations.createTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={window.matchMedia('(max-width: 30em)').matches}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          {general && (
            <Alert color="red" variant="light" role="alert">
              {general}
            </Alert>
          )}
          <OrganizationFields values={values} errors={errors} onChange={setValues} />
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                reset();
                onClose();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('organizations.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
