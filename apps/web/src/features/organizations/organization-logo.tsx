import { Alert, Button, FileButton, Group, Image, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { LOGO_MAX_BYTES, LOGO_TYPES, organizationsApi, type OrganizationLogoState } from '../../api/organizations-api';
import { queryKeys } from '../../api/query-keys';
import type { Organization } from '../../api/types';
import { describeError } from '../../components/errors';
import { IconTrash, IconUpload } from '../../components/icons';
import { notifySuccess } from '../../components/notify';
import { Section } from '../../components/section';
import { formatBytes } from '../reports/format-bytes';

/**
 * The organization's logo, for its report's cover: PNG or JPEG of 1 MB at most, checked here
 * before it is sent (the API checks again, and decodes it).
 */
export function OrganizationLogo({ workspaceId, organization }: { workspaceId: string; organization: Organization & OrganizationLogoState }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const hintId = useId();
  const [problem, setProblem] = useState<string>();
  // Changes after each upload, so that the browser does not show the previous image from its cache.
  const [stamp, setStamp] = useState(() => organization.updatedAt);

  const refresh = () => {
    setStamp(String(Date.now()));
    void queryClient.invalidateQueries({ queryKey: queryKeys.organization(workspaceId, organization.id) });
  };
  const failed = (error: unknown) =>
    setProblem(error instanceof ApiError && error.status >= 400 && error.status < 500 && error.problem.detail ? error.problem.detail : describeError(error, t));

  const upload = useMutation({
    mutationFn: (file: File) => organizationsApi.putLogo(workspaceId, organization.id, file),
    onSuccess: () => {
      refresh();
      notifySuccess(t('reports.logo.uploaded'));
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () => organizationsApi.removeLogo(workspaceId, organization.id),
    onSuccess: () => {
      refresh();
      notifySuccess(t('reports.logo.removed'));
    },
    onError: failed,
  });

  function choose(file: File | null) {
    if (!file) return;
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
      setProblem(t('reports.logo.wrongType'));
      return;
    }
    if (file.size > LOGO_MAX_BYTES) {
      setProblem(t('reports.logo.tooLarge', { size: formatBytes(file.size) }));
      return;
    }
    setProblem(undefined);
    upload.mutate(file);
  }

  return (
    <Section title={t('reports.logo.title')} description={t('reports.logo.intro')}>
      <Stack gap="sm">
        {organization.hasLogo ? (
          <Image
            src={`${organizationsApi.logoUrl(workspaceId, organization.id)}?v=${encodeURIComponent(stamp)}`}
            alt={t('reports.logo.current', { name: organization.name })}
            fit="contain"
            h={96}
            w="auto"
            maw={224}
            p={6}
            radius="sm"
            bd="1px solid var(--mantine-color-gray-3)"
            bg="white"
          />
        ) : (
          <Text c="dimmed" size="sm">
            {t('reports.logo.none')}
          </Text>
        )}
        <Group gap="sm">
          <FileButton onChange={choose} accept={LOGO_TYPES.join(',')}>
            {(props) => (
              <Button {...props} aria-describedby={hintId} variant="light" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
                {t('reports.logo.choose')}
              </Button>
            )}
          </FileButton>
          {organization.hasLogo && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('reports.logo.remove')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" id={hintId}>
          {t('reports.logo.hint')}
        </Text>
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
      </Stack>
    </Section>
  );
}
