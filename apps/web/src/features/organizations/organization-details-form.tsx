import { Alert, Button, Group, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { organizationsApi } from '../../api/organizations-api';
import { queryKeys } from '../../api/query-keys';
import type { Organization } from '../../api/types';
import { formErrorsOf } from '../../components/errors';
import { notifySuccess } from '../../components/notify';
import {
  ORGANIZATION_FIELDS,
  OrganizationFields,
  toInput,
  validateOrganization,
  valuesOf,
  type OrganizationField,
} from './organization-fields';

export function OrganizationDetailsForm({ workspaceId, organization }: { workspaceId: string; organization: Organization }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(organization));
  const [errors, setErrors] = useState<Partial<Record<OrganizationField, string>>>({});
  const [general, setGeneral] = useState<string>();
  const initial = valuesOf(organization);
  const dirty = ORGANIZATION_FIELDS.some((field) => values[field] !== initial[field]);

  const save = useMutation({
    mutationFn: () => organizationsApi.update(workspaceId, organization.id, toInput(values)),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.organization(workspaceId, organization.id), updated);
      setValues(valuesOf(updated));
      notifySuccess(t('organization.saved'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations(workspaceId), exact: true });
      // The session lists organization names (switcher, permissions).
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
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
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {general && (
          <Alert color="red" variant="light" role="alert">
            {general}
          </Alert>
        )}
        <OrganizationFields values={values} errors={errors} onChange={setValues} />
        <Group justify="flex-end" gap="sm">
          {dirty && (
            <Button
              variant="default"
              onClick={() => {
                setValues(initial);
                setErrors({});
                setGeneral(undefined);
              }}
            >
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending} disabled={!dirty}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
