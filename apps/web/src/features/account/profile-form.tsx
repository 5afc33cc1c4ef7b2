import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { queryKeys } from '../../api/query-keys';
import type { Locale, Session, User } from '../../api/types';
import { LOCALES, i18next, isLocale, setLocale } from '../../app/i18n/i18n';
import { formErrorsOf } from '../../components/errors';
import { notifySuccess } from '../../components/notify';

type Field = 'displayName' | 'locale';

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocaleValue] = useState<Locale>(user.locale);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string>();

  const save = useMutation({
    mutationFn: () => accountApi.update({ displayName: displayName.trim(), locale }),
    onSuccess: async (updated) => {
      queryClient.setQueryData<Session | null>(queryKeys.session, (old) => (old ? { ...old, user: updated } : old));
      await setLocale(updated.locale);
      // `t` is bound to the language of the last render: say it in the language just chosen.
      notifySuccess(i18next.t('account.profileSaved'));
    },
    onError: (error) => {
      const mapped = formErrorsOf(error, ['displayName', 'locale'] as const, t);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(undefined);
    const found: Partial<Record<Field, string>> = {};
    if (!displayName.trim()) found.displayName = t('errors.required');
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        {general && (
          <Alert color="red" variant="light" role="alert">
            {general}
          </Alert>
        )}
        <TextInput label={t('account.email')} description={t('account.emailHint')} value={user.email} readOnly />
        <TextInput
          label={t('account.displayName')}
          description={t('account.displayNameHint')}
          required
          autoComplete="name"
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={errors.displayName}
          maxLength={120}
        />
        <NativeSelect
          label={t('account.locale')}
          data={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
          value={locale}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isLocale(value)) setLocaleValue(value);
          }}
          error={errors.locale}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
