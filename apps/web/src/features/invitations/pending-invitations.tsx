import { Button, Table, Text } from '@mantine/core';
import { useMutation, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { describeError } from '../../components/errors';
import { formatDate } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { roleLabel } from '../../components/role-labels';
import { Section } from '../../components/section';

export interface PendingInvitationsProps {
  query: UseQueryResult<Invitation[]>;
  /** Only these are listed (a network's list may also hold its organizations' invitations). */
  filter?: (invitation: Invitation) => boolean;
  revoke: (invitationId: string) => Promise<void>;
  onRevoked: () => void;
}

export function PendingInvitations({ query, filter, revoke, onRevoked }: PendingInvitationsProps) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState<Invitation>();

  const mutation = useMutation({
    mutationFn: (invitation: Invitation) => revoke(invitation.id),
    onSuccess: (_data, invitation) => {
      setTarget(undefined);
      onRevoked();
      notifySuccess(t('invitations.revoked', { email: invitation.email }));
    },
    onError: (error) => {
      setTarget(undefined);
      notifyError(describeError(error, t));
    },
  });

  const invitations = (query.data ?? []).filter(filter ?? (() => true));

  return (
    <Section title={t('invitations.pending')}>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : invitations.length === 0 ? (
        <Text c="dimmed">{t('invitations.none')}</Text>
      ) : (
        <Table verticalSpacing="sm" aria-label={t('invitations.pendingLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.email')}</Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('common.role')}
                </Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('invitations.expires')}
                </Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td className="cell-break">
                    {invitation.email}
                    {/* Under 48em the role and expiry columns fold into this line. */}
                    <Text size="sm" c="dimmed" hiddenFrom="sm">
                      {roleLabel(invitation.role, t)} · {t('invitations.expires')} {formatDate(invitation.expiresAt, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{roleLabel(invitation.role, t)}</Table.Td>
                  <Table.Td visibleFrom="sm">{formatDate(invitation.expiresAt, i18n.language)}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      aria-label={t('invitations.revokeLabel', { email: invitation.email })}
                      onClick={() => setTarget(invitation)}
                    >
                      {t('invitations.revoke')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
      )}
      <ConfirmDialog
        opened={target !== undefined}
        title={t('invitations.revokeConfirmTitle', { email: target?.email ?? '' })}
        message={t('invitations.revokeConfirmText')}
        confirmLabel={t('invitations.revoke')}
        loading={mutation.isPending}
        onConfirm={() => target && mutation.mutate(target)}
        onClose={() => setTarget(undefined)}
      />
    </Section>
  );
}
