import { Alert, Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { PasswordField } from '../../components/password-field';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { authApi } from '../../api/auth-api';
import { ApiError } from '../../api/client';
import { invitationsApi } from '../../api/invitations-api';
import { queryKeys } from '../../api/query-keys';
import type { InvitationPreview, Session } from '../../api/types';
import { PASSWORD_MIN_LENGTH, describeError, formErrorsOf } from '../../components/errors';
import { formatDate } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { roleLabel } from '../../components/role-labels';
import { LoginForm } from '../auth/login-form';
import { homePath, startSession, useSession } from '../auth/use-session';

const INVALID_CODES = new Set(['invitation-invalid', 'invitation-expired', 'invitation-revoked']);

function isInvalidInvitation(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 410 || INVALID_CODES.has(error.code ?? ''));
}

/**
 * Where to land after accepting. The accept answer is a Session without the invitation's ids, so
 * the network (and organization) are found by the names the preview gave.
 */
function landingPath(session: Session, invitation: InvitationPreview): string {
  const candidates = session.workspaces.filter((w) => w.name === invitation.workspaceName);
  for (const workspace of candidates) {
    const organization = invitation.organizationName
      ? workspace.organizations.find((o) => o.name === invitation.organizationName)
      : undefined;
    if (organization) return `/w/${workspace.id}/organizations/${organization.id}`;
  }
  return candidates[0] ? `/w/${candidates[0].id}/organizations` : homePath(session);
}

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useQuery({
    queryKey: queryKeys.invitationPreview(token),
    queryFn: () => invitationsApi.preview(token),
    retry: (count, error) => !isInvalidInvitation(error) && count < 2,
    staleTime: Infinity,
  });

  if (preview.isPending) return <PageLoader />;
  if (preview.isError) {
    if (isInvalidInvitation(preview.error)) return <InvalidInvitation />;
    return (
      <Stack maw={520} mx="auto" w="100%">
        <PageTitle>{t('accept.pageTitle')}</PageTitle>
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      </Stack>
    );
  }
  return <AcceptInvitation token={token} invitation={preview.data} />;
}

function InvalidInvitation() {
  const { t } = useTranslation();
  return (
    <Stack maw={520} mx="auto" w="100%">
      <Paper p={{ base: 'lg', xs: 'xl' }} shadow="xs">
        <Stack gap="sm">
          <PageTitle>{t('accept.invalid')}</PageTitle>
          <Text c="dark.6">{t('accept.invalidHelp')}</Text>
          <Anchor component={Link} to="/" w="fit-content">
            {t('common.backHome')}
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}

function AcceptInvitation({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession();
  const [loginRequired, setLoginRequired] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [invalid, setInvalid] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  // Between the accepted answer and the next page: the session exists, the form must not flash back.
  const [accepted, setAccepted] = useState(false);
  const [createErrors, setCreateErrors] = useState<Partial<Record<'displayName' | 'password', string>>>({});

  const accept = useMutation({
    mutationFn: invitationsApi.accept,
    onSuccess: async (next) => {
      setAccepted(true);
      await startSession(queryClient, next);
      notifySuccess(t('accept.accepted', { name: invitation.organizationName ?? invitation.workspaceName }));
      await navigate(landingPath(next, invitation), { replace: true });
    },
    onError: (error) => {
      setProblem(undefined);
      if (isInvalidInvitation(error)) setInvalid(true);
      else if (error instanceof ApiError && error.code === 'login-required') setLoginRequired(true);
      else if (error instanceof ApiError && error.code === 'invitation-email-mismatch') {
        // Signed in as someone else: the mismatch panel explains and offers to log out.
        setMismatch(true);
        void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      } else {
        const mapped = formErrorsOf(error, ['displayName', 'password'] as const, t);
        setCreateErrors(mapped.fields);
        setProblem(mapped.general);
      }
    },
  });

  const logout = useMutation({
    mutationFn: async () => {
      try {
        await authApi.logout();
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      setProblem(undefined);
      setMismatch(false);
      queryClient.setQueryData(queryKeys.session, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] === 'workspaces' });
    },
    onError: (error) => setProblem(describeError(error, t)),
  });

  if (invalid) return <InvalidInvitation />;

  const name = invitation.organizationName ?? invitation.workspaceName;
  const label = roleLabel(invitation.role, t);
  const role = label.charAt(0).toLocaleLowerCase(i18n.language) + label.slice(1); // mid-sentence
  const current = session.data ?? null;
  const sameEmail = current !== null && current.user.email.toLowerCase() === invitation.email.toLowerCase();

  let body;
  if (session.isPending || accepted) {
    body = <PageLoader />;
  } else if (current && sameEmail && !mismatch) {
    body = (
      <Stack gap="md">
        <Text>{t('accept.acceptAs', { email: current.user.email })}</Text>
        <Button onClick={() => accept.mutate({ token })} loading={accept.isPending} fullWidth>
          {t('accept.accept')}
        </Button>
      </Stack>
    );
  } else if (current) {
    body = (
      <Stack gap="md">
        <Alert color="orange" variant="light">
          {t('accept.mismatch', { current: current.user.email, email: invitation.email })}
        </Alert>
        <Button variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('accept.logoutAndRetry')}
        </Button>
      </Stack>
    );
  } else if (invitation.accountExists || loginRequired) {
    body = (
      <Stack gap="md">
        <Text>
          {loginRequired && !invitation.accountExists
            ? t('accept.loginRequired')
            : t('accept.loginPrompt', { email: invitation.email })}
        </Text>
        <LoginForm
          defaultEmail={invitation.email}
          submitLabel={t('accept.loginAndAccept')}
          onSuccess={() => accept.mutate({ token })}
        />
      </Stack>
    );
  } else {
    body = (
      <CreateAccountForm
        email={invitation.email}
        loading={accept.isPending}
        serverErrors={createErrors}
        onSubmit={(values) => {
          setCreateErrors({});
          accept.mutate({ token, ...values });
        }}
      />
    );
  }

  return (
    <Stack maw={480} mx="auto" w="100%" gap="lg">
      <Paper p={{ base: 'lg', xs: 'xl' }} shadow="xs">
        <Stack gap="lg">
          <div>
            <PageTitle>{t('accept.title', { name })}</PageTitle>
            <Text mt="xs">
              {invitation.organizationName
                ? t('accept.summaryOrganization', {
                    organization: invitation.organizationName,
                    workspace: invitation.workspaceName,
                    role,
                  })
                : t('accept.summaryWorkspace', { workspace: invitation.workspaceName, role })}
            </Text>
            <Text size="sm" c="dimmed" mt={6}>
              {t('accept.addressedTo', { email: invitation.email, date: formatDate(invitation.expiresAt, i18n.language) })}
            </Text>
          </div>
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          )}
          {body}
        </Stack>
      </Paper>
    </Stack>
  );
}

type CreateField = 'displayName' | 'password' | 'confirm';

function CreateAccountForm({
  email,
  loading,
  serverErrors,
  onSubmit,
}: {
  email: string;
  loading: boolean;
  serverErrors: Partial<Record<'displayName' | 'password', string>>;
  onSubmit: (values: { displayName: string; password: string }) => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Partial<Record<CreateField, string>>>({});
  const shown = { ...serverErrors, ...errors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<CreateField, string>> = {};
    if (!displayName.trim()) found.displayName = t('errors.required');
    if (!password) found.password = t('errors.required');
    else if ([...password].length < PASSWORD_MIN_LENGTH) {
      found.password = t('errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    }
    if (!found.password && confirm !== password) found.confirm = t('errors.passwordsDiffer');
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit({ displayName: displayName.trim(), password });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{t('accept.createPrompt')}</Text>
        <TextInput label={t('common.email')} value={email} readOnly autoComplete="username" />
        <TextInput
          label={t('common.displayName')}
          description={t('account.displayNameHint')}
          required
          autoComplete="name"
          value={displayName}
          onChange={(event) => setDisplayName(event.currentTarget.value)}
          error={shown.displayName}
          maxLength={120}
        />
        <PasswordField
          label={t('accept.password')}
          description={t('accept.passwordHint', { min: PASSWORD_MIN_LENGTH })}
          required
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={shown.password}
        />
        <PasswordField
          label={t('accept.passwordConfirm')}
          required
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.currentTarget.value)}
          error={shown.confirm}
        />
        <Button type="submit" loading={loading} fullWidth mt="xs">
          {t('accept.createAndAccept')}
        </Button>
      </Stack>
    </form>
  );
}
