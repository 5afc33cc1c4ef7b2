import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { AnonymityMode } from '#domain/evaluation-status';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectionGroup, CollectionLink, CreatedLink } from '../../api/collection-api';
import type { Evaluation } from '../../api/evaluations-api';
import type { SessionWorkspace } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { groupLabel } from '../frameworks/framework-labels';
import { problemSentence } from './evaluation-errors';
import { evaluationPermissions } from './evaluation-permissions';
import { anonymityLabel, formatDay, formatRate } from './evaluation-labels';
import { CreatedLinksDialog, PersonalLinksModal, SharedLinkModal, linkName } from './link-dialogs';
import { evaluationKeys } from './query-keys';
import { SessionsSection } from './sessions-section';
import { useCollectionApi, useCollectionOverview, useLinks, type EvaluationRef } from './use-evaluations';

interface TabProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  workspace: SessionWorkspace;
}

type Dialog =
  | { kind: 'personal' | 'shared'; groupKey: StakeholderGroupKey; anonymity: AnonymityMode }
  | { kind: 'created'; links: CreatedLink[] }
  | { kind: 'revoke' | 'renew'; link: CollectionLink };

/** Links can be made while the design is open and during the collection, not after. */
const linksOpen = (evaluation: Evaluation) => evaluation.status === 'draft' || evaluation.status === 'collecting';

export function CollectionTab({ evaluationRef, evaluation, workspace }: TabProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const manage = evaluationPermissions.manage(workspace.role);
  const live = evaluation.status === 'collecting';
  const overview = useCollectionOverview(evaluationRef, { live });
  const links = useLinks(evaluationRef, { enabled: manage });
  const client = useCollectionApi(evaluationRef);
  const [dialog, setDialog] = useState<Dialog>();
  const { workspaceId, organizationId, evaluationId } = evaluationRef;

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: evaluationKeys.links(workspaceId, organizationId, evaluationId) });
    void queryClient.invalidateQueries({ queryKey: evaluationKeys.collection(workspaceId, organizationId, evaluationId) });
  };
  const showCreated = (created: CreatedLink[]) => {
    refresh();
    setDialog({ kind: 'created', links: created });
  };

  const revoke = useMutation({
    mutationFn: (link: CollectionLink) => client.revokeLink(link.id),
    onSuccess: () => {
      setDialog(undefined);
      refresh();
      notifySuccess(t('evaluations.collection.revokedDone'));
    },
    onError: (error) => {
      setDialog(undefined);
      notifyError(problemSentence(error, t).main);
    },
  });
  const renew = useMutation({
    mutationFn: (link: CollectionLink) => client.renewLink(link.id),
    onSuccess: (created) => showCreated([created]),
    onError: (error) => {
      setDialog(undefined);
      notifyError(problemSentence(error, t).main);
    },
  });

  // A link's counts move when the group's do: fetch the links again then, not on a timer of their own.
  const countsSignature = overview.data?.groups.map((g) => `${g.submitted}:${g.partial}:${g.excluded}`).join('|');
  useEffect(() => {
    if (countsSignature !== undefined && manage) void queryClient.invalidateQueries({ queryKey: evaluationKeys.links(workspaceId, organizationId, evaluationId) });
  }, [countsSignature, manage, queryClient, workspaceId, organizationId, evaluationId]);

  if (overview.isPending) return <PageLoader />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const { totals } = overview.data;
  const totalRate = totals.expected > 0 ? totals.submitted / totals.expected : null;

  return (
    <Stack gap="lg">
      <Paper p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="xs">
          <Text fw={600} size="lg">
            {t('evaluations.collection.totals', { submitted: totals.submitted, count: totals.expected })}
          </Text>
          <Text c="dimmed" size="sm">
            {totalRate === null ? t('evaluations.collection.rateNone') : t('evaluations.collection.rate', { rate: formatRate(totalRate) })}
            {totals.partial > 0 && ` · ${t('evaluations.collection.partial', { count: totals.partial })}`}
            {totals.excluded > 0 && ` · ${t('evaluations.collection.excluded', { count: totals.excluded })}`}
          </Text>
          {totalRate !== null && <Progress value={Math.min(100, totalRate * 100)} aria-hidden="true" />}
          {live && (
            <Text size="xs" c="dimmed">
              {t('evaluations.collection.live')}
            </Text>
          )}
        </Stack>
      </Paper>

      {manage && evaluation.status === 'draft' && (
        <Alert color="blue" variant="light">
          {t('evaluations.collection.notCollecting')}
        </Alert>
      )}
      {manage && !linksOpen(evaluation) && (
        <Alert color="gray" variant="light">
          {t('evaluations.collection.closedForLinks')}
        </Alert>
      )}
      {!manage && <Text c="dimmed">{t('evaluations.collection.countsOnly')}</Text>}

      <div className="collection-groups">
        {overview.data.groups.map((group) => (
          <GroupPanel
            key={group.groupKey}
            group={group}
            manage={manage}
            canCreate={manage && linksOpen(evaluation)}
            links={links.data?.filter((link) => link.groupKey === group.groupKey)}
            linksError={links.error}
            client={client}
            onCreatePersonal={() => setDialog({ kind: 'personal', groupKey: group.groupKey, anonymity: group.anonymity })}
            onCreateShared={() => setDialog({ kind: 'shared', groupKey: group.groupKey, anonymity: group.anonymity })}
            onRevoke={(link) => setDialog({ kind: 'revoke', link })}
            onRenew={(link) => setDialog({ kind: 'renew', link })}
          />
        ))}
      </div>

      {manage && <SessionsSection evaluationRef={evaluationRef} evaluation={evaluation} groups={overview.data.groups} />}

      {(dialog?.kind === 'personal' || dialog?.kind === 'shared') &&
        (dialog.kind === 'personal' ? (
          <PersonalLinksModal client={client} groupKey={dialog.groupKey} anonymity={dialog.anonymity} onClose={() => setDialog(undefined)} onCreated={showCreated} />
        ) : (
          <SharedLinkModal client={client} groupKey={dialog.groupKey} anonymity={dialog.anonymity} onClose={() => setDialog(undefined)} onCreated={showCreated} />
        ))}
      {dialog?.kind === 'created' && <CreatedLinksDialog links={dialog.links} onClose={() => setDialog(undefined)} />}
      <ConfirmDialog
        opened={dialog?.kind === 'revoke'}
        title={dialog?.kind === 'revoke' ? t('evaluations.collection.revokeTitle', { name: linkName(dialog.link, t) }) : ''}
        message={t('evaluations.collection.revokeText')}
        confirmLabel={t('evaluations.collection.revoke')}
        loading={revoke.isPending}
        onConfirm={() => dialog?.kind === 'revoke' && revoke.mutate(dialog.link)}
        onClose={() => setDialog(undefined)}
      />
      <ConfirmDialog
        opened={dialog?.kind === 'renew'}
        title={dialog?.kind === 'renew' ? t('evaluations.collection.renewTitle', { name: linkName(dialog.link, t) }) : ''}
        message={t('evaluations.collection.renewText')}
        confirmLabel={t('evaluations.collection.renew')}
        loading={renew.isPending}
        onConfirm={() => dialog?.kind === 'renew' && renew.mutate(dialog.link)}
        onClose={() => setDialog(undefined)}
      />
    </Stack>
  );
}

interface GroupPanelProps {
  group: CollectionGroup;
  manage: boolean;
  canCreate: boolean;
  links: CollectionLink[] | undefined;
  linksError: unknown;
  client: ReturnType<typeof useCollectionApi>;
  onCreatePersonal: () => void;
  onCreateShared: () => void;
  onRevoke: (link: CollectionLink) => void;
  onRenew: (link: CollectionLink) => void;
}

/** One group: what came in against what is expected, and (for the facilitator) its links. */
function GroupPanel({ group, manage, canCreate, links, linksError, client, onCreatePersonal, onCreateShared, onRevoke, onRenew }: GroupPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const label = groupLabel(group.groupKey);

  const remind = useMutation({
    mutationFn: () => client.sendReminders(group.groupKey),
    onSuccess: (result) => {
      if (!result.mailEnabled) notifyError(t('evaluations.collection.remindNoMail'));
      else notifySuccess(t('evaluations.collection.remindDone', { sent: result.sent, skipped: result.skipped }));
    },
    onError: (error) => notifyError(problemSentence(error, t).main),
  });

  return (
    <Paper component="section" aria-labelledby={titleId} p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div>
            <Title order={2} size="h3" id={titleId}>
              {label}
            </Title>
            <Group gap={6} mt={4}>
              <Badge variant="outline" color="gray" radius="sm">
                {anonymityLabel(group.anonymity, t)}
              </Badge>
            </Group>
          </div>
          <div>
            <Text fw={600} ta="right" data-testid={`count-${group.groupKey}`}>
              {t('evaluations.collection.expectedVsSubmitted', { submitted: group.submitted, expected: group.expectedCount })}
            </Text>
            <Text size="sm" c="dimmed" ta="right">
              {group.responseRate === null ? t('evaluations.collection.rateNone') : t('evaluations.collection.rate', { rate: formatRate(group.responseRate) })}
            </Text>
          </div>
        </Group>
        <Progress
          value={group.responseRate === null ? 0 : Math.min(100, group.responseRate * 100)}
          aria-label={t('evaluations.collection.progressLabel', { group: label })}
        />
        {(group.partial > 0 || group.excluded > 0) && (
          <Text size="sm" c="dimmed">
            {[
              group.partial > 0 ? t('evaluations.collection.partial', { count: group.partial }) : undefined,
              group.excluded > 0 ? t('evaluations.collection.excluded', { count: group.excluded }) : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}

        {manage && (
          <>
            <Group gap="sm">
              {canCreate && (
                <>
                  <Button size="sm" variant="light" onClick={onCreatePersonal}>
                    {t('evaluations.collection.createPersonal')}
                  </Button>
                  <Button size="sm" variant="light" onClick={onCreateShared}>
                    {t('evaluations.collection.createShared')}
                  </Button>
                </>
              )}
              {group.personalLinks > 0 && (
                <Button
                  size="sm"
                  variant="subtle"
                  loading={remind.isPending}
                  aria-label={t('evaluations.collection.remindLabel', { group: label })}
                  onClick={() => remind.mutate()}
                >
                  {t('evaluations.collection.remind')}
                </Button>
              )}
            </Group>
            {linksError ? (
              <QueryError error={linksError} />
            ) : links === undefined ? null : links.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('evaluations.collection.noLinks')}
              </Text>
            ) : (
              <LinksTable label={t('evaluations.collection.linksOf', { group: label })} links={links} canChange={canCreate} onRevoke={onRevoke} onRenew={onRenew} />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function LinksTable({
  label,
  links,
  canChange,
  onRevoke,
  onRenew,
}: {
  label: string;
  links: CollectionLink[];
  canChange: boolean;
  onRevoke: (link: CollectionLink) => void;
  onRenew: (link: CollectionLink) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('evaluations.collection.linkColumns.link')}</Table.Th>
            <Table.Th scope="col">{t('evaluations.collection.linkColumns.answers')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('evaluations.collection.linkColumns.created')}
            </Table.Th>
            <Table.Th scope="col">{t('evaluations.collection.linkColumns.state')}</Table.Th>
            {canChange && (
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links.map((link) => {
            const name = linkName(link, t);
            return (
              <Table.Tr key={link.id}>
                <Table.Td className="cell-break-evaluation">
                  <Text size="sm" fw={500}>
                    {name}
                  </Text>
                  {link.kind === 'personal' && link.label && link.email && (
                    <Text size="xs" c="dimmed">
                      {link.email}
                    </Text>
                  )}
                  {link.kind === 'shared' && link.maxSubmissions !== null && (
                    <Text size="xs" c="dimmed">
                      {t('evaluations.collection.sharedCap', { count: link.maxSubmissions })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('evaluations.collection.linkAnswers', { submitted: link.submitted, partial: link.partial })}</Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{formatDay(link.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={link.revokedAt ? 'gray' : 'green'} radius="sm">
                    {link.revokedAt ? t('evaluations.collection.revoked') : t('evaluations.collection.active')}
                  </Badge>
                  {link.reminderCount > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('evaluations.collection.remindersSent', { count: link.reminderCount })}
                    </Text>
                  )}
                </Table.Td>
                {canChange && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {!link.revokedAt && (
                        <Button size="compact-sm" variant="subtle" color="red" aria-label={t('evaluations.collection.revokeLabel', { name })} onClick={() => onRevoke(link)}>
                          {t('evaluations.collection.revoke')}
                        </Button>
                      )}
                      <Button size="compact-sm" variant="subtle" aria-label={t('evaluations.collection.renewLabel', { name })} onClick={() => onRenew(link)}>
                        {t('evaluations.collection.renew')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

