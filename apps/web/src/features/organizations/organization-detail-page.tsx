import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { organizationsApi } from '../../api/organizations-api';
import { queryKeys } from '../../api/query-keys';
import type { Organization } from '../../api/types';
import { NotFoundContent } from '../../app/not-found-page';
import { isApiError } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeError } from '../../components/errors';
import { IconArrowLeft } from '../../components/icons';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { organizationRoleLabel, organizationRoleOptions } from '../../components/role-labels';
import { Section } from '../../components/section';
import { useCurrentSession } from '../auth/use-session';
import { EvaluationsSection } from '../evaluations/evaluations-section';
import { OrganizationData } from './organization-data';
import { InviteForm } from '../invitations/invite-form';
import { PendingInvitations } from '../invitations/pending-invitations';
import { MemberList } from '../members/member-list';
import { organizationRoleIn, permissions } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { OrganizationDetailsForm } from './organization-details-form';
import { OrganizationLogo } from './organization-logo';
import { useOrganization, useOrganizationInvitations, useOrganizationMembers } from './use-organizations';

export function OrganizationDetailPage() {
  const workspace = useCurrentWorkspace();
  const { organizationId = '' } = useParams();
  const organization = useOrganization(workspace.id, organizationId);

  if (organization.isPending) return <PageLoader />;
  if (organization.isError) {
    if (isApiError(organization.error) && organization.error.status === 404) return <NotFoundContent />;
    return <QueryError error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  // Keyed so that the edit form starts from this organization's values.
  return <OrganizationDetail key={organization.data.id} organization={organization.data} />;
}

function OrganizationDetail({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { user } = useCurrentSession();
  const workspace = useCurrentWorkspace();
  const organizationRole = organizationRoleIn(workspace, organization.id);
  const canManage = permissions.manageOrganization(workspace.role, organizationRole);
  const canSeeMembers = permissions.seeOrganizationMembers(workspace.role, organizationRole);
  const canDelete = permissions.deleteOrganization(workspace.role);
  const members = useOrganizationMembers(workspace.id, organization.id, canSeeMembers);
  const invitations = useOrganizationInvitations(workspace.id, organization.id, canManage);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const refreshMembers = () =>
    void queryClient.invalidateQueries({ queryKey: queryKeys.organizationMembers(workspace.id, organization.id) });
  const refreshInvitations = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.organizationInvitations(workspace.id, organization.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.workspaceInvitations(workspace.id) });
  };

  const remove = useMutation({
    mutationFn: () => organizationsApi.remove(workspace.id, organization.id),
    onSuccess: async () => {
      setConfirmDelete(false);
      notifySuccess(t('organization.deleted', { name: organization.name }));
      queryClient.removeQueries({ queryKey: queryKeys.organization(workspace.id, organization.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.organizations(workspace.id), exact: true });
      await navigate(`/w/${workspace.id}/organizations`, { replace: true });
    },
    onError: (error) => {
      setConfirmDelete(false);
      notifyError(describeError(error, t));
    },
  });

  const subtitle = [organization.city, organization.legalForm].filter(Boolean).join(' · ');

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/w/${workspace.id}/organizations`} size="sm" className="back-link">
          <IconArrowLeft size={16} />
          {t('organization.back')}
        </Anchor>
        <PageTitle mt="xs">{organization.name}</PageTitle>
        {subtitle && (
          <Text c="dimmed" mt={4}>
            {subtitle}
          </Text>
        )}
      </div>

      <Section title={t('organization.details')}>
        {canManage ? (
          <OrganizationDetailsForm workspaceId={workspace.id} organization={organization} />
        ) : (
          <ReadOnlyDetails organization={organization} />
        )}
      </Section>

      {canManage && <OrganizationLogo workspaceId={workspace.id} organization={organization} />}

      <EvaluationsSection workspace={workspace} organizationId={organization.id} organizationRole={organizationRole} />

      {canSeeMembers && (
        <Section title={t('organization.members')} description={t('organization.membersIntro')}>
          {members.isPending ? (
            <PageLoader />
          ) : members.isError ? (
            <QueryError error={members.error} onRetry={() => void members.refetch()} />
          ) : (
            <MemberList
              label={t('organization.members')}
              members={members.data}
              roles={organizationRoleOptions(t)}
              roleLabel={(role) => organizationRoleLabel(role, t)}
              canManage={canManage}
              currentUserId={user.id}
              emptyText={t('organization.noMembers')}
              changeRole={(userId, role) =>
                organizationsApi.changeMemberRole(workspace.id, organization.id, userId, role)
              }
              remove={(userId) => organizationsApi.removeMember(workspace.id, organization.id, userId)}
              onChanged={refreshMembers}
            />
          )}
        </Section>
      )}

      {canManage && (
        <>
          <InviteForm
            roles={organizationRoleOptions(t)}
            defaultRole="contact"
            invite={(body) => organizationsApi.invite(workspace.id, organization.id, body)}
            onInvited={refreshInvitations}
          />
          <PendingInvitations
            query={invitations}
            revoke={(id) => organizationsApi.revokeInvitation(workspace.id, organization.id, id)}
            onRevoked={refreshInvitations}
          />
        </>
      )}

      {canManage && <OrganizationData workspace={workspace} organization={organization} canDelete={canDelete} />}

      {canDelete && (
        <Group justify="flex-end">
          <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
            {t('organization.delete')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirmDelete}
        title={t('organization.deleteConfirmTitle', { name: organization.name })}
        message={t('organization.deleteConfirmText')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}

function ReadOnlyDetails({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t('organizations.fields.name'), organization.name],
    [t('organizations.fields.legalForm'), organization.legalForm],
    [t('organizations.fields.city'), organization.city],
    [t('organizations.fields.description'), organization.description],
  ];
  return (
    <dl className="details-list">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value || <Text span c="dimmed">{t('common.notProvided')}</Text>}</dd>
        </div>
      ))}
    </dl>
  );
}
