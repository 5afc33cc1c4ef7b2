import { Badge, Box, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeError } from '../../components/errors';
import { notifyError, notifySuccess } from '../../components/notify';
import { useIsWide } from '../../components/use-is-wide';

export interface Member<Role extends string> {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface MemberListProps<Role extends string> {
  /** Accessible name of the table. */
  label: string;
  members: Member<Role>[];
  roles: { value: Role; label: string }[];
  roleLabel: (role: Role) => string;
  canManage: boolean;
  currentUserId: string;
  emptyText: string;
  changeRole: (userId: string, role: Role) => Promise<unknown>;
  remove: (userId: string) => Promise<unknown>;
  /**
   * Signs a member out on every device. Offered on other people's rows only when given (one's own
   * sessions are the account page's business).
   */
  endSessions?: (userId: string) => Promise<{ sessionsEnded: number }>;
  onChanged: () => void;
}

/**
 * Members with their role; managers change roles, remove people and, where the page allows it,
 * sign them out everywhere. One's own row is read-only: demoting or removing oneself would lock
 * one out, and is left to another manager.
 */
export function MemberList<Role extends string>(props: MemberListProps<Role>) {
  const { label, members, roles, roleLabel, canManage, currentUserId, emptyText, endSessions } = props;
  const { t } = useTranslation();
  const [toRemove, setToRemove] = useState<Member<Role>>();
  // The person stays while the dialog fades out, so its title does not lose their name.
  const [signOut, setSignOut] = useState<{ member: Member<Role>; opened: boolean }>();
  const wide = useIsWide();

  const roleMutation = useMutation({
    mutationFn: ({ member, role }: { member: Member<Role>; role: Role }) => props.changeRole(member.userId, role),
    onSuccess: (_data, { member, role }) => {
      props.onChanged();
      notifySuccess(t('members.roleChanged', { name: nameOf(member), role: roleLabel(role) }));
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  const removeMutation = useMutation({
    mutationFn: (member: Member<Role>) => props.remove(member.userId),
    onSuccess: (_data, member) => {
      setToRemove(undefined);
      props.onChanged();
      notifySuccess(t('members.removed', { name: nameOf(member) }));
    },
    onError: (error) => {
      setToRemove(undefined);
      notifyError(describeError(error, t));
    },
  });

  if (members.length === 0) return <Text c="dimmed">{emptyText}</Text>;

  const roleControl = (member: Member<Role>, isSelf: boolean) => {
    if (!canManage || isSelf) return roleLabel(member.role);
    const pendingRole =
      roleMutation.isPending && roleMutation.variables.member.userId === member.userId
        ? roleMutation.variables.role
        : undefined;
    return (
      <NativeSelect
        aria-label={t('members.roleOf', { name: nameOf(member) })}
        data={roles}
        value={pendingRole ?? member.role}
        disabled={roleMutation.isPending}
        onChange={(event) => roleMutation.mutate({ member, role: event.currentTarget.value as Role })}
        size="sm"
        className="member-role-select"
      />
    );
  };

  const removeButton = (member: Member<Role>) => (
    <Button
      variant="subtle"
      color="red"
      size="compact-sm"
      aria-label={t('members.removeMember', { name: nameOf(member) })}
      onClick={() => setToRemove(member)}
    >
      {t('common.remove')}
    </Button>
  );

  const endSessionsButton = (member: Member<Role>) => (
    <Button
      variant="subtle"
      size="compact-sm"
      aria-label={t('members.endSessionsOf', { name: nameOf(member) })}
      onClick={() => setSignOut({ member, opened: true })}
    >
      {t('members.endSessions')}
    </Button>
  );

  const selfBadge = (
    <Badge variant="light" color="gray" ml={8} size="sm" tt="none">
      {t('common.you')}
    </Badge>
  );

  return (
    <>
      {wide ? (
        <Table verticalSpacing="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('common.displayName')}</Table.Th>
              <Table.Th scope="col">{t('common.email')}</Table.Th>
              <Table.Th scope="col">{t('common.role')}</Table.Th>
              {canManage && (
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const isSelf = member.userId === currentUserId;
              return (
                <Table.Tr key={member.userId}>
                  <Table.Th scope="row" fw={500}>
                    {member.displayName || member.email}
                    {isSelf && selfBadge}
                  </Table.Th>
                  <Table.Td className="cell-break">{member.email}</Table.Td>
                  <Table.Td>{roleControl(member, isSelf)}</Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      {!isSelf && (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          {endSessions && endSessionsButton(member)}
                          {removeButton(member)}
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      ) : (
        // Under 48em a four-column table does not fit: one block per person instead.
        <ul aria-label={label} className="member-cards">
          {members.map((member) => {
            const isSelf = member.userId === currentUserId;
            return (
              <li key={member.userId}>
                <Text fw={500}>
                  {member.displayName || member.email}
                  {isSelf && selfBadge}
                </Text>
                {member.displayName && (
                  <Text size="sm" c="dimmed" className="cell-break">
                    {member.email}
                  </Text>
                )}
                {canManage && !isSelf && endSessions ? (
                  // Two actions do not fit beside the role: they get a line of their own.
                  <>
                    <Box mt="xs" className="member-card-role">
                      {roleControl(member, isSelf)}
                    </Box>
                    <Group mt="xs" gap="xs" justify="flex-end">
                      {endSessionsButton(member)}
                      {removeButton(member)}
                    </Group>
                  </>
                ) : (
                  <Group mt="xs" gap="xs" wrap="nowrap" justify="space-between">
                    <div className="member-card-role">{roleControl(member, isSelf)}</div>
                    {canManage && !isSelf && removeButton(member)}
                  </Group>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        opened={toRemove !== undefined}
        title={t('members.removeConfirmTitle', { name: toRemove ? nameOf(toRemove) : '' })}
        message={t('members.removeConfirmText', { name: toRemove ? nameOf(toRemove) : '' })}
        confirmLabel={t('common.remove')}
        loading={removeMutation.isPending}
        onConfirm={() => toRemove && removeMutation.mutate(toRemove)}
        onClose={() => setToRemove(undefined)}
      />
      {endSessions && (
        <EndSessionsDialog
          member={signOut?.member}
          opened={signOut?.opened ?? false}
          endSessions={endSessions}
          onClose={() => setSignOut((current) => current && { ...current, opened: false })}
        />
      )}
    </>
  );
}

interface EndSessionsDialogProps {
  member: { userId: string; displayName: string; email: string } | undefined;
  opened: boolean;
  endSessions: (userId: string) => Promise<{ sessionsEnded: number }>;
  onClose: () => void;
}

/** Asks before signing someone out on every device, says what it does and does not change. */
function EndSessionsDialog({ member, opened, endSessions, onClose }: EndSessionsDialogProps) {
  const { t } = useTranslation();
  const name = member ? nameOf(member) : '';

  const mutation = useMutation({
    mutationFn: (target: { userId: string; displayName: string; email: string }) => endSessions(target.userId),
    onSuccess: ({ sessionsEnded }, target) => {
      onClose();
      const key = sessionsEnded > 0 ? 'members.sessionsEnded' : 'members.noSessionsToEnd';
      notifySuccess(t(key, { name: nameOf(target) }));
    },
    onError: (error) => {
      onClose();
      notifyError(describeError(error, t));
    },
  });

  return (
    <ConfirmDialog
      opened={opened && member !== undefined}
      title={t('members.endSessionsConfirmTitle', { name })}
      message={t('members.endSessionsConfirmText', { name })}
      confirmLabel={t('members.endSessions')}
      loading={mutation.isPending}
      onConfirm={() => member && mutation.mutate(member)}
      onClose={onClose}
    />
  );
}

function nameOf(member: { displayName: string; email: string }): string {
  return member.displayName || member.email;
}
