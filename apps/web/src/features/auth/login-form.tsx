import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { PasswordField } from '../../components/password-field';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth-api';
import { ApiError } from '../../api/client';
import type { Session } from '../../api/types';
import { describeError, formErrorsOf } from '../../components/errors';
import { startSession } from './use-session';

export interface LoginFormProps {
  /** Pre-filled address (an invitation's), still editable. */
  defaultEmail?: string;
  submitLabel?: string;
  onSuccess: (session: Session) => void | Promise<void>;
}

type Field = 'email' | 'password';

export function LoginForm({ defaultEmail = '', submitLabel, onSuccess }: LoginFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string>();

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: async (session) => {
      await startSession(queryClient, session);
      await onSuccess(session);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'invalid-credentials') {
        setGeneral(t('auth.invalidCredentials'));
      } else if (error instanceof ApiError && (error.status === 429 || error.code === 'too-many-attempts')) {
        setGeneral(describeError(new ApiError({ ...error.problem, status: 429 }, error.retryAfterSeconds), t));
      } else {
        const mapped = formErrorsOf(error, ['email', 'password'] as const, t);
        setFieldErrors(mapped.fields);
        setGeneral(mapped.general);
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!email.trim()) errors.email = t('errors.required');
    if (!password) errors.password = t('errors.required');
    setFieldErrors(errors);
    setGeneral(undefined);
    if (Object.keys(errors).length > 0) return;
    login.mutate({ email: email.trim(), password });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {general && (
          <Alert color="red" variant="light" role="alert">
            {general}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={fieldErrors.email}
        />
        <PasswordField
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
        />
        <Button type="submit" loading={login.isPending} fullWidth mt="xs">
          {submitLabel ?? t('auth.submit')}
        </Button>
      </Stack>
    </form>
  );
}
