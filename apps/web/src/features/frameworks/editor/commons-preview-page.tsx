import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { frameworksApi } from '../../../api/frameworks-api';
import { queryKeys } from '../../../api/query-keys';
import type { FrameworkVersionDetail } from '../../../api/types';
import { NotFoundContent } from '../../../app/not-found-page';
import { describeError } from '../../../components/errors';
import { IconArrowLeft, IconCopy } from '../../../components/icons';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageLoader } from '../../../components/page-loader';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { permissions } from '../../workspaces/permissions';
import { useCurrentWorkspace } from '../../workspaces/workspace-scope';
import { licenceLabel } from '../commons-list';
import { inUiLocale } from '../framework-labels';
import { useCommons, useCommonsFramework } from '../use-frameworks';
import { FrameworkWorkbench } from './framework-workbench';
import { useFrameworkValidation } from './use-validation';

/** A framework shared in the commons, read-only: its outline, its items and the questionnaire preview. */
export function CommonsPreviewPage() {
  const workspace = useCurrentWorkspace();
  const { frameworkId = '' } = useParams();
  const version = useCommonsFramework(workspace.id, frameworkId);
  if (version.isPending) return <PageLoader />;
  if (version.isError) {
    if (isApiError(version.error) && (version.error.status === 404 || version.error.status === 400)) return <NotFoundContent />;
    return <QueryError error={version.error} onRetry={() => void version.refetch()} />;
  }
  return <CommonsPreview frameworkId={frameworkId} version={version.data} />;
}

function CommonsPreview({ frameworkId, version }: { frameworkId: string; version: FrameworkVersionDetail }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const validation = useFrameworkValidation(version.content);
  const commons = useCommons(workspace.id);
  const listed = commons.data?.find((item) => item.id === frameworkId);
  const title = inUiLocale(version.content.title);
  const canFork = permissions.editFrameworks(workspace.role);

  const fork = useMutation({
    mutationFn: () => frameworksApi.forkCommons(workspace.id, frameworkId),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspace.id), exact: true });
      notifySuccess(t('frameworks.commons.forked', { name: created.name }));
      await navigate(`/w/${workspace.id}/frameworks/${created.id}`);
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/w/${workspace.id}/frameworks?tab=commons`} size="sm" className="back-link">
          <IconArrowLeft size={16} />
          {t('frameworks.commons.back')}
        </Anchor>
        <Group justify="space-between" align="flex-end" gap="sm" mt="xs">
          <div>
            <PageTitle className="cell-break">{title}</PageTitle>
            <Group gap="xs" mt={6}>
              <Badge variant="outline" color="regards" radius="sm">
                {licenceLabel(version.content.licence ?? 'CC-BY-SA-4.0')}
              </Badge>
              {listed && (
                <Text size="sm" c="dimmed">
                  {t('frameworks.commons.sharedBy', {
                    network: listed.workspaceName,
                    number: version.number,
                    licence: licenceLabel(listed.licence),
                  })}
                </Text>
              )}
            </Group>
          </div>
          {canFork && (
            <Button leftSection={<IconCopy size={16} />} loading={fork.isPending} onClick={() => fork.mutate()}>
              {t('frameworks.commons.fork')}
            </Button>
          )}
        </Group>
      </div>
      <FrameworkWorkbench content={version.content} validation={validation} />
    </Stack>
  );
}
