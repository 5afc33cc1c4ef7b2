import { Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Organization, OrganizationInput } from '../../api/types';

export type OrganizationField = 'name' | 'legalForm' | 'city' | 'description';
export const ORGANIZATION_FIELDS = ['name', 'legalForm', 'city', 'description'] as const;
export type OrganizationValues = Record<OrganizationField, string>;

export const emptyOrganization: OrganizationValues = { name: '', legalForm: '', city: '', description: '' };

export function valuesOf(organization: Organization): OrganizationValues {
  return {
    name: organization.name,
    legalForm: organization.legalForm ?? '',
    city: organization.city ?? '',
    description: organization.description ?? '',
  };
}

/** Trimmed values; empty optional fields are sent as null so that clearing one clears it. */
export function toInput(values: OrganizationValues): OrganizationInput {
  const orNull = (value: string) => value.trim() || null;
  return {
    name: values.name.trim(),
    legalForm: orNull(values.legalForm),
    city: orNull(values.city),
    description: orNull(values.description),
  };
}

export function validateOrganization(values: OrganizationValues, t: TFunction) {
  const errors: Partial<Record<OrganizationField, string>> = {};
  if (!values.name.trim()) errors.name = t('errors.required');
  return errors;
}

export interface OrganizationFieldsProps {
  values: OrganizationValues;
  errors: Partial<Record<OrganizationField, string>>;
  onChange: (values: OrganizationValues) => void;
}

export function OrganizationFields({ values, errors, onChange }: OrganizationFieldsProps) {
  const { t } = useTranslation();
  const set = (field: OrganizationField) => (value: string) => onChange({ ...values, [field]: value });
  const legalForms = Object.values(t('organizations.legalForms', { returnObjects: true }));
  const listId = useId();

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('organizations.fields.requiredHint')}
      </Text>
      <TextInput
        label={t('organizations.fields.name')}
        required
        value={values.name}
        onChange={(event) => set('name')(event.currentTarget.value)}
        error={errors.name}
        maxLength={200}
        data-autofocus
      />
      {/* A native datalist: suggestions without a second element labelled "legal form". */}
      <TextInput
        label={t('organizations.fields.legalForm')}
        placeholder={t('organizations.fields.legalFormPlaceholder')}
        list={listId}
        value={values.legalForm}
        onChange={(event) => set('legalForm')(event.currentTarget.value)}
        error={errors.legalForm}
        maxLength={120}
      />
      <datalist id={listId}>
        {legalForms.map((form) => (
          <option key={form} value={form} />
        ))}
      </datalist>
      <TextInput
        label={t('organizations.fields.city')}
        value={values.city}
        onChange={(event) => set('city')(event.currentTarget.value)}
        error={errors.city}
        autoComplete="address-level2"
        maxLength={120}
      />
      <Textarea
        label={t('organizations.fields.description')}
        description={t('organizations.fields.descriptionHint')}
        value={values.description}
        onChange={(event) => set('description')(event.currentTarget.value)}
        error={errors.description}
        maxLength={5000}
        autosize
        minRows={3}
        maxRows={10}
      />
    </Stack>
  );
}
