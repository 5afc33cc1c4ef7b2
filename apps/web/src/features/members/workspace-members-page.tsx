import { List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { WORKSPACE_ROLES } from '#domain/roles';
import { workspacesApi } from '../../api/workspaces-api';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { workspaceRoleLabel, workspaceRoleOptions } from '../../components/role-labels';
import { useCurrentSession } from '../auth/use-session';
import { InviteForm } from '../invitations/invite-form';
import { PendingInvitations } from '../invitations/pending-invitations';
import { permissions } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { MemberList } from './member-list';
import { useRefreshWorkspaceMembers, useWorkspaceInvitations, useWorkspaceMembers } from './use-workspace-members';

export function WorkspaceMembersPage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const workspace = useCurrentWorkspace();
  const canManage = permissions.manageWorkspaceMembers(workspace.role);
  const members = useWorkspaceMembers(workspace.id);
  const invitations = useWorkspaceInvitations(workspace.id, canManage);
  const refresh = useRefreshWorkspaceMembers(workspace.id);

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('members.title')}</PageTitle>
        <Text c="dimmed" mt={4}>
          {t('members.intro')}
        </Text>
      </div>

      <Section title={workspace.name}>
        <List size="sm" spacing={4} c="dark.6">
          {WORKSPACE_ROLES.map((role) => (
            <List.Item key={role}>
              <Text span fw={600} size="sm">
                {workspaceRoleLabel(role, t)}
              </Text>
              {t('common.colon')}
              {t(`members.roleHelp.${role}`)}
            </List.Item>
          ))}
        </List>
        {members.isPending ? (
          <PageLoader />
        ) : members.isError ? (
          <QueryError error={members.error} onRetry={() => void members.refetch()} />
        ) : (
          <MemberList
            label={t('members.listLabel')}
            members={members.data}
            roles={workspaceRoleOptions(t)}
            roleLabel={(role) => workspaceRoleLabel(role, t)}
            canManage={canManage}
            currentUserId={user.id}
            emptyText={t('members.empty')}
            changeRole={(userId, role) => workspacesApi.changeMemberRole(workspace.id, userId, role)}
            remove={(userId) => workspacesApi.removeMember(workspace.id, userId)}
            endSessions={(userId) => workspacesApi.endMemberSessions(workspace.id, userId)}
            onChanged={refresh.members}
          />
        )}
      </Section>

      {canManage && (
        <>
          <InviteForm
            roles={workspaceRoleOptions(t)}
            defaultRole="facilitator"
            invite={(body) => workspacesApi.invite(workspace.id, body)}
            onInvited={refresh.invitations}
          />
          <PendingInvitations
            query={invitations}
            filter={(invitation) => invitation.organizationId === null}
            revoke={(id) => workspacesApi.revokeInvitation(workspace.id, id)}
            onRevoked={refresh.invitations}
          />
        </>
      )}
    </Stack>
  );
}
