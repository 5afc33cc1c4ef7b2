import { Alert, Button, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { workspaceRoleAtLeast } from '#domain/roles';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { organizationsApi, type OrganizationDataState } from '../../api/organizations-api';
import { queryKeys } from '../../api/query-keys';
import type { Organization, SessionWorkspace } from '../../api/types';
import { currentLocale } from '../../app/i18n/i18n';
import { DownloadButton } from '../../components/download-button';
import { describeError } from '../../components/errors';
import { formatDate } from '../../components/format';
import { notifySuccess } from '../../components/notify';
import { Section } from '../../components/section';

/**
 * The organization's rights over its data: download all of it (JSON, or CSV files and report
 * PDFs in a zip), and ask for its deletion, which a workspace admin then carries out.
 */
export function OrganizationData({
  workspace,
  organization,
  canDelete,
}: {
  workspace: SessionWorkspace;
  organization: Organization & OrganizationDataState;
  canDelete: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const request = organization.deletionRequest ?? null;
  const withAnswers = workspace.role !== null && workspaceRoleAtLeast(workspace.role, 'facilitator');

  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.organization(workspace.id, organization.id) });
  const withdraw = useMutation({
    mutationFn: () => organizationsApi.withdrawDeletionRequest(workspace.id, organization.id),
    onSuccess: () => {
      refresh();
      notifySuccess(t('organizationData.withdrawn'));
    },
  });

  return (
    <Section title={t('organizationData.title')} description={t('organizationData.intro')}>
      <Stack gap="md">
        <Text size="sm">{withAnswers ? t('organizationData.introAnswers') : t('organizationData.introNoAnswers')}</Text>
        <Group gap="sm">
          <DownloadButton variant="default" url={organizationsApi.dataExportUrl(workspace.id, organization.id, 'json')} fileName="regards-donnees.json">
            {t('organizationData.downloadJson')}
          </DownloadButton>
          <DownloadButton variant="default" url={organizationsApi.dataExportUrl(workspace.id, organization.id, 'zip')} fileName="regards-donnees.zip">
            {t('organizationData.downloadZip')}
          </DownloadButton>
        </Group>
        <Title order={3} fz="md">
          {t('organizationData.deletionTitle')}
        </Title>
        {request ? (
          <Alert color="orange" variant="light" role="status">
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('organizationData.pending', { date: formatDate(request.requestedAt, currentLocale()), reason: request.reason })}
              </Text>
              <Text size="sm">{canDelete ? t('organizationData.pendingAdmin') : t('organizationData.pendingOthers')}</Text>
              <Button variant="default" size="xs" w="fit-content" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
                {t('organizationData.withdraw')}
              </Button>
              {withdraw.isError && (
                <Text size="sm" c="red.8" role="alert">
                  {describeError(withdraw.error, t)}
                </Text>
              )}
            </Stack>
          </Alert>
        ) : (
          <>
            <Text size="sm">{t('organizationData.deletionIntro')}</Text>
            <Button variant="outline" color="red" w="fit-content" onClick={() => setAsking(true)}>
              {t('organizationData.request')}
            </Button>
          </>
        )}
      </Stack>
      <DeletionRequestModal
        opened={asking}
        onClose={() => setAsking(false)}
        send={(reason) => organizationsApi.requestDeletion(workspace.id, organization.id, reason)}
        onSent={() => {
          setAsking(false);
          refresh();
          notifySuccess(t('organizationData.requested'));
        }}
      />
    </Section>
  );
}

function DeletionRequestModal({
  opened,
  onClose,
  send,
  onSent,
}: {
  opened: boolean;
  onClose: () => void;
  send: (reason: string) => Promise<unknown>;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const mutation = useMutation({ mutationFn: send, onSuccess: onSent, onError: (e) => setError(describeError(e, t)) });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setError(t('organizationData.reasonRequired'));
      return;
    }
    setError(undefined);
    mutation.mutate(reason.trim());
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('organizationData.requestTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('organizationData.deletionIntro')}</Text>
          <Textarea
            label={t('organizationData.reason')}
            description={t('organizationData.reasonHint')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            error={error}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending}>
              {t('organizationData.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
