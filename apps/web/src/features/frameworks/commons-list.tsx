import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';
import type { CommonsFramework } from '../../api/types';
import { describeError } from '../../components/errors';
import { IconCopy, IconEye } from '../../components/icons';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { permissions } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { inUiLocale } from './framework-labels';
import { useCommons } from './use-frameworks';

/** The licence as people read it: "CC-BY-SA-4.0" → "CC BY-SA 4.0". */
export function licenceLabel(licence: string): string {
  const match = /^CC-(BY(?:-[A-Z]{2})*)-(\d\.\d)$/.exec(licence);
  return match ? `CC ${match[1]} ${match[2]}` : licence;
}

/** Frameworks shared by every network (CC BY-SA 4.0), to preview and copy. */
export function CommonsList() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const commons = useCommons(workspace.id);

  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm" maw={720}>
        {t('frameworks.commons.intro')}
      </Text>
      {commons.isPending ? (
        <PageLoader />
      ) : commons.isError ? (
        <QueryError error={commons.error} onRetry={() => void commons.refetch()} />
      ) : commons.data.length === 0 ? (
        <Paper p="lg">
          <Text>{t('frameworks.commons.empty')}</Text>
        </Paper>
      ) : (
        <ul className="commons-list" aria-label={t('frameworks.commons.listLabel')}>
          {commons.data.map((framework) => (
            <li key={framework.id}>
              <CommonsCard framework={framework} />
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

function CommonsCard({ framework }: { framework: CommonsFramework }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canFork = permissions.editFrameworks(workspace.role);
  const title = inUiLocale(framework.title) || framework.name;
  const description = inUiLocale(framework.description);

  const fork = useMutation({
    mutationFn: () => frameworksApi.forkCommons(workspace.id, framework.id),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspace.id), exact: true });
      notifySuccess(t('frameworks.commons.forked', { name: created.name }));
      await navigate(`/w/${workspace.id}/frameworks/${created.id}`);
    },
    onError: (error) => notifyError(describeError(error, t)),
  });

  return (
    <Paper p={{ base: 'md', sm: 'lg' }} component="article" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} size="h3">
            {title}
          </Title>
          <Badge variant="outline" color="regards" radius="sm">
            {licenceLabel(framework.licence)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('frameworks.commons.network', { name: framework.workspaceName })} ·{' '}
          {t('frameworks.commons.counts', {
            dimensions: t('frameworks.commons.dimensions', { count: framework.dimensionCount }),
            questions: t('frameworks.commons.questions', { count: framework.questionCount }),
          })}
        </Text>
        {description && (
          <Text size="sm" lineClamp={3}>
            {description}
          </Text>
        )}
        <Group gap="sm" mt="xs">
          <Button
            component={Link}
            to={`/w/${workspace.id}/frameworks/commons/${framework.id}`}
            variant="default"
            leftSection={<IconEye size={16} />}
            aria-label={t('frameworks.commons.previewOf', { name: title })}
          >
            {t('frameworks.commons.preview')}
          </Button>
          {canFork && (
            <Button
              variant="light"
              leftSection={<IconCopy size={16} />}
              loading={fork.isPending}
              onClick={() => fork.mutate()}
              aria-label={t('frameworks.commons.forkOf', { name: title })}
            >
              {t('frameworks.commons.fork')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
