import { Alert, Box, Button, CloseButton, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedInvitation } from '../../api/types';
import { CopyField } from '../../components/copy-field';
import { formErrorsOf, isPlausibleEmail } from '../../components/errors';
import { notifySuccess } from '../../components/notify';
import { Section } from '../../components/section';

export interface InviteFormProps<Role extends string> {
  roles: { value: Role; label: string }[];
  defaultRole: Role;
  invite: (body: { email: string; role: Role }) => Promise<CreatedInvitation<Role>>;
  onInvited: () => void;
}

type Field = 'email' | 'role';

/**
 * Invites by e-mail. When the server could not send the e-mail, the link is shown once, to copy
 * and pass on by other means.
 */
export function InviteForm<Role extends string>({ roles, defaultRole, invite, onInvited }: InviteFormProps<Role>) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(defaultRole);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string>();
  const [link, setLink] = useState<{ email: string; url: string }>();

  const mutation = useMutation({
    mutationFn: invite,
    onSuccess: (invitation) => {
      setEmail('');
      onInvited();
      if (invitation.emailed) {
        setLink(undefined);
        notifySuccess(t('invitations.sent', { email: invitation.email }));
      } else {
        setLink({ email: invitation.email, url: invitation.link });
        notifySuccess(t('invitations.created', { email: invitation.email }));
      }
    },
    onError: (error) => {
      const mapped = formErrorsOf(error, ['email', 'role'] as const, t);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(undefined);
    const trimmed = email.trim();
    const next: Partial<Record<Field, string>> = {};
    if (!trimmed) next.email = t('errors.required');
    else if (!isPlausibleEmail(trimmed)) next.email = t('errors.emailInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    mutation.mutate({ email: trimmed, role });
  }

  return (
    <Section title={t('invitations.inviteTitle')} description={t('invitations.inviteIntro')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {general && (
            <Alert color="red" variant="light" role="alert">
              {general}
            </Alert>
          )}
          <Group align="flex-start" gap="sm" className="invite-fields">
            <TextInput
              label={t('invitations.email')}
              type="email"
              autoComplete="off"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors.email}
              className="invite-email"
            />
            <NativeSelect
              label={t('invitations.role')}
              data={roles}
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
              error={errors.role}
              className="invite-role"
            />
            <Button type="submit" loading={mutation.isPending} className="invite-submit">
              {t('invitations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {link && (
        <Box className="invitation-link" role="region" aria-label={t('invitations.link', { email: link.email })}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs" mb="sm">
            <Text fw={600} size="sm" c="orange.9">
              {t('invitations.notEmailed')}
            </Text>
            <CloseButton aria-label={t('common.close')} onClick={() => setLink(undefined)} size="sm" />
          </Group>
          <CopyField label={t('invitations.link', { email: link.email })} value={link.url} />
        </Box>
      )}
    </Section>
  );
}
