import { Alert, Button, Group, Stack } from '@mantine/core';
import { PasswordField } from '../../components/password-field';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { ApiError } from '../../api/client';
import { PASSWORD_MIN_LENGTH, formErrorsOf } from '../../components/errors';
import { notifySuccess } from '../../components/notify';

type Field = 'currentPassword' | 'newPassword';

export function PasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string>();

  const change = useMutation({
    mutationFn: () => accountApi.changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      notifySuccess(t('account.passwordChanged'));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'wrong-password') {
        setErrors({ currentPassword: t('account.wrongPassword') });
        return;
      }
      const mapped = formErrorsOf(error, ['currentPassword', 'newPassword'] as const, t);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(undefined);
    const found: Partial<Record<Field, string>> = {};
    if (!currentPassword) found.currentPassword = t('errors.required');
    if (!newPassword) found.newPassword = t('errors.required');
    else if ([...newPassword].length < PASSWORD_MIN_LENGTH) {
      found.newPassword = t('errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    }
    setErrors(found);
    if (Object.keys(found).length === 0) change.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      {/* Lets password managers attach the new password to the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Stack gap="md" maw={480}>
        {general && (
          <Alert color="red" variant="light" role="alert">
            {general}
          </Alert>
        )}
        <PasswordField
          label={t('account.currentPassword')}
          required
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          error={errors.currentPassword}
        />
        <PasswordField
          label={t('account.newPassword')}
          description={t('account.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
          required
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={errors.newPassword}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
