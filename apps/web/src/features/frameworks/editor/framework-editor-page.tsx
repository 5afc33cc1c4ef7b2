import { Alert, Anchor, Badge, Button, Group, Loader, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { FrameworkContent } from '#domain/framework';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { frameworksApi } from '../../../api/frameworks-api';
import { queryKeys } from '../../../api/query-keys';
import type { FrameworkDetail, FrameworkVersionDetail } from '../../../api/types';
import { NotFoundContent } from '../../../app/not-found-page';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { describeError, formErrorsOf } from '../../../components/errors';
import { IconAlert, IconArrowLeft, IconCheck, IconChevronDown, IconDownload } from '../../../components/icons';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageLoader } from '../../../components/page-loader';
import { PageTitle } from '../../../components/page-title';
import { QueryError } from '../../../components/query-error';
import { permissions } from '../../workspaces/permissions';
import { useCurrentWorkspace } from '../../workspaces/workspace-scope';
import { problemText } from '../problem-text';
import { useFramework, useFrameworkVersion } from '../use-frameworks';
import type { UpdateContent } from './editor-context';
import { FrameworkWorkbench } from './framework-workbench';
import { PublishModal } from './publish-modal';
import { useAutosave, type Autosave } from './use-autosave';
import { useFrameworkValidation } from './use-validation';

export function FrameworkEditorPage() {
  const workspace = useCurrentWorkspace();
  const { frameworkId = '' } = useParams();
  const framework = useFramework(workspace.id, frameworkId);
  if (framework.isPending) return <PageLoader />;
  if (framework.isError) {
    if (isApiError(framework.error) && (framework.error.status === 404 || framework.error.status === 400)) return <NotFoundContent />;
    return <QueryError error={framework.error} onRetry={() => void framework.refetch()} />;
  }
  return <FrameworkEditor framework={framework.data} />;
}

/** Opens the draft when there is one, else the latest published version (read-only). */
function FrameworkEditor({ framework }: { framework: FrameworkDetail }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const summary = framework.draft ?? framework.latestPublished ?? framework.versions[0];
  const version = useFrameworkVersion(workspace.id, framework.id, summary?.id);
  // Bumped to start again from the server's copy (after "reload the latest version").
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.framework(workspace.id, framework.id) });
    setGeneration((n) => n + 1);
  }, [queryClient, workspace.id, framework.id]);

  if (!summary) return <Text>{t('frameworks.status.none')}</Text>;
  if (version.isPending) return <PageLoader />;
  if (version.isError) return <QueryError error={version.error} onRetry={() => void version.refetch()} />;
  return (
    <VersionEditor
      key={`${version.data.id}:${version.data.status}:${generation}`}
      framework={framework}
      version={version.data}
      onReload={reload}
    />
  );
}

function VersionEditor({ framework, version, onReload }: { framework: FrameworkDetail; version: FrameworkVersionDetail; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const canEdit = permissions.editFrameworks(workspace.role);
  const editable = canEdit && version.status === 'draft';
  const [initial] = useState(version.content);
  const [content, setContent] = useState(version.content);
  const [publishing, setPublishing] = useState(false);
  const [preparing, setPreparing] = useState(false);

  const update: UpdateContent = useCallback((edit) => {
    setContent((previous) => {
      const next = structuredClone(previous);
      edit(next);
      return next;
    });
  }, []);

  const validation = useFrameworkValidation(content);
  const autosave = useAutosave({
    workspaceId: workspace.id,
    frameworkId: framework.id,
    version,
    valid: validation.valid,
    touched: content !== initial,
    enabled: editable,
  });

  // Save problems are also spoken and shown as a toast: the alert may be scrolled out of view.
  const problem = autosave.status === 'stale' || autosave.status === 'published' || autosave.status === 'failed' || autosave.status === 'rejected';
  useEffect(() => {
    if (!problem) return;
    notifyError(
      autosave.status === 'stale'
        ? t('frameworks.editor.save.staleTitle')
        : autosave.status === 'published'
          ? t('frameworks.editor.save.publishedElsewhereTitle')
          : t('frameworks.editor.save.failed'),
    );
  }, [problem, autosave.status, t]);

  async function openPublish() {
    setPreparing(true);
    const saved = await autosave.flush();
    setPreparing(false);
    if (!saved) {
      notifyError(t('frameworks.editor.publish.mustSaveFirst'));
      return;
    }
    setPublishing(true);
  }

  const canPublish =
    editable &&
    validation.upToDate &&
    validation.valid !== undefined &&
    (autosave.status === 'saved' || autosave.status === 'pending' || autosave.status === 'saving');

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/w/${workspace.id}/frameworks`} size="sm" className="back-link">
          <IconArrowLeft size={16} />
          {t('frameworks.editor.back')}
        </Anchor>
        <Group justify="space-between" align="flex-end" gap="sm" mt="xs">
          <div>
            <PageTitle className="cell-break">{framework.name}</PageTitle>
            <Group gap="xs" mt={6}>
              <Badge variant="light" color={version.status === 'draft' ? '#8a5300' : '#1d6b3b'} radius="sm">
                {version.status === 'draft'
                  ? t('frameworks.editor.draftBadge', { number: version.number })
                  : t('frameworks.editor.publishedBadge', { number: version.number })}
              </Badge>
              {framework.sharedAt && (
                <Badge variant="outline" color="regards" radius="sm">
                  {t('frameworks.shared')}
                </Badge>
              )}
              {editable && <SaveStatus autosave={autosave} />}
            </Group>
            {framework.originAttribution && (
              <Text size="sm" c="dimmed" mt={4} className="cell-break">
                {t('frameworks.forkedFrom', { attribution: framework.originAttribution })}
              </Text>
            )}
          </div>
          <Group gap="sm">
            {editable && (
              <Button onClick={() => void openPublish()} disabled={!canPublish} loading={preparing}>
                {t('frameworks.editor.actions.publish')}
              </Button>
            )}
            <FrameworkActions framework={framework} version={version} />
          </Group>
        </Group>
      </div>

      <FrameworkWorkbench
        content={content}
        validation={validation}
        update={editable ? update : undefined}
        notices={
          <>
            <ReadOnlyNotice framework={framework} version={version} />
            {editable && <SaveProblems autosave={autosave} content={content} onReload={onReload} />}
          </>
        }
      />

      {editable && publishing && (
        <PublishModal
          opened={publishing}
          onClose={() => setPublishing(false)}
          workspaceId={workspace.id}
          framework={framework}
          draft={version}
          content={validation.valid ?? content}
          onPublished={() => setPublishing(false)}
        />
      )}
    </Stack>
  );
}

function SaveStatus({ autosave }: { autosave: Autosave }) {
  const { t } = useTranslation();
  const { status } = autosave;
  const text =
    status === 'saved'
      ? t('frameworks.editor.save.saved')
      : status === 'saving'
        ? t('frameworks.editor.save.saving')
        : status === 'pending'
          ? t('frameworks.editor.save.pending')
          : status === 'invalid'
            ? t('frameworks.editor.save.invalid')
            : t('frameworks.editor.save.failed');
  return (
    <span className="save-status" role="status" aria-live="polite">
      {status === 'saving' ? <Loader size={12} /> : status === 'saved' ? <IconCheck size={14} /> : status === 'pending' ? null : <IconAlert size={14} />}
      {text}
    </span>
  );
}

function ReadOnlyNotice({ framework, version }: { framework: FrameworkDetail; version: FrameworkVersionDetail }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const canEdit = permissions.editFrameworks(workspace.role);

  const startDraft = useMutation({
    mutationFn: () => frameworksApi.startDraft(workspace.id, framework.id),
    onSuccess: async (draft) => {
      queryClient.setQueryData(queryKeys.frameworkVersion(workspace.id, framework.id, draft.id), draft);
      await queryClient.invalidateQueries({ queryKey: queryKeys.framework(workspace.id, framework.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspace.id), exact: true });
      notifySuccess(t('frameworks.editor.draftStarted', { number: draft.number }));
    },
    onError: async (error) => {
      if (isApiError(error, 'draft-exists')) {
        notifySuccess(t('frameworks.errors.draftExists'));
        await queryClient.invalidateQueries({ queryKey: queryKeys.framework(workspace.id, framework.id), exact: true });
        return;
      }
      notifyError(describeError(error, t));
    },
  });

  if (!canEdit) {
    return (
      <Alert color="gray" variant="light" role="note">
        {t('frameworks.editor.readOnlyViewer')}
      </Alert>
    );
  }
  if (version.status === 'draft') return null;
  return (
    <Alert color="regards" variant="light" role="note">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('frameworks.editor.readOnlyPublished', { number: version.number })}</Text>
        <Button onClick={() => startDraft.mutate()} loading={startDraft.isPending}>
          {t('frameworks.editor.startDraft')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Offers the local edits as JSON: to the clipboard, else as a downloaded file. */
async function copyContent(content: FrameworkContent): Promise<'copied' | 'downloaded'> {
  const json = JSON.stringify(content, null, 2);
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(json);
      return 'copied';
    }
  } catch {
    // Falls back to a download.
  }
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'referentiel-modifications.json';
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  return 'downloaded';
}

function SaveProblems({ autosave, content, onReload }: { autosave: Autosave; content: FrameworkContent; onReload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [reloading, setReloading] = useState(false);
  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
    } finally {
      setReloading(false);
    }
  };

  if (autosave.status === 'stale') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('frameworks.editor.save.staleTitle')}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('frameworks.editor.save.staleText')}</Text>
          <Group gap="sm">
            <Button color="red" onClick={() => void reload()} loading={reloading}>
              {t('frameworks.editor.save.reload')}
            </Button>
            <Button
              variant="default"
              onClick={() =>
                void copyContent(content).then((how) =>
                  notifySuccess(how === 'copied' ? t('frameworks.editor.save.copied') : t('frameworks.editor.save.downloaded')),
                )
              }
            >
              {t('frameworks.editor.save.copyMine')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (autosave.status === 'published') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('frameworks.editor.save.publishedElsewhereTitle')}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('frameworks.editor.save.publishedElsewhereText')}</Text>
          <Button color="red" onClick={() => void reload()} loading={reloading}>
            {t('frameworks.editor.save.reloadFramework')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (autosave.status === 'failed') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('frameworks.editor.save.failed')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{describeError(autosave.error, t)}</Text>
          <Button variant="light" color="red" size="compact-sm" onClick={autosave.retry}>
            {t('frameworks.editor.save.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (autosave.status === 'rejected') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('frameworks.editor.validation.serverRefused')}>
        <ul className="error-summary-list">
          {autosave.serverErrors.map((error, index) => (
            <li key={`${error.path}-${index}`}>
              <code>{error.path.replace(/^content\.?/, '')}</code> {problemText(error, t).main}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  return null;
}

function FrameworkActions({ framework, version }: { framework: FrameworkDetail; version: FrameworkVersionDetail }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canEdit = permissions.editFrameworks(workspace.role);
  const canManage = permissions.manageFrameworks(workspace.role);
  const published = framework.latestPublished !== null;
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const afterChange = async (updated: FrameworkDetail) => {
    queryClient.setQueryData(queryKeys.framework(workspace.id, framework.id), updated);
    await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspace.id), exact: true });
    await queryClient.invalidateQueries({ queryKey: queryKeys.commons(workspace.id) });
  };

  const share = useMutation({
    mutationFn: (shared: boolean) => (shared ? frameworksApi.share(workspace.id, framework.id) : frameworksApi.unshare(workspace.id, framework.id)),
    onSuccess: async (updated, shared) => {
      await afterChange(updated);
      notifySuccess(shared ? t('frameworks.editor.actions.sharedDone') : t('frameworks.editor.actions.unsharedDone'));
    },
    onError: (error) =>
      notifyError(isApiError(error, 'not-published') ? t('frameworks.editor.actions.shareNeedsPublished') : describeError(error, t)),
  });

  const fork = useMutation({
    mutationFn: () => frameworksApi.fork(workspace.id, framework.id),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspace.id), exact: true });
      notifySuccess(t('frameworks.editor.actions.forked', { name: created.name }));
      await navigate(`/w/${workspace.id}/frameworks/${created.id}`);
    },
    onError: (error) => notifyError(isApiError(error, 'not-published') ? t('frameworks.errors.notPublished') : describeError(error, t)),
  });

  const remove = useMutation({
    mutationFn: () => frameworksApi.remove(workspace.id, framework.id),
    onSuccess: async () => {
      setDeleting(false);
      notifySuccess(t('frameworks.editor.actions.deleted', { name: framework.name }));
      queryClient.removeQueries({ queryKey: queryKeys.framework(workspace.id, framework.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspace.id), exact: true });
      await navigate(`/w/${workspace.id}/frameworks`, { replace: true });
    },
    onError: (error) => {
      setDeleting(false);
      notifyError(describeError(error, t));
    },
  });

  return (
    <>
      <Button
        component="a"
        href={frameworksApi.exportUrl(workspace.id, framework.id, version.id)}
        download
        variant="default"
        leftSection={<IconDownload size={16} />}
      >
        {t('frameworks.editor.actions.export')}
      </Button>
      {(canEdit || canManage) && (
        <Menu position="bottom-end" shadow="md" width={260}>
          <Menu.Target>
            <Button variant="default" rightSection={<IconChevronDown size={16} />}>
              {t('frameworks.editor.actions.menu')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {canEdit && <Menu.Item onClick={() => setRenaming(true)}>{t('frameworks.editor.actions.rename')}</Menu.Item>}
            {canEdit && published && (
              <Menu.Item onClick={() => fork.mutate()} disabled={fork.isPending}>
                {t('frameworks.editor.actions.fork')}
              </Menu.Item>
            )}
            {canManage && published && (
              <Menu.Item onClick={() => share.mutate(framework.sharedAt === null)} disabled={share.isPending}>
                {framework.sharedAt === null ? t('frameworks.editor.actions.share') : t('frameworks.editor.actions.unshare')}
              </Menu.Item>
            )}
            {canManage && (
              <>
                <Menu.Divider />
                <Menu.Item color="red" onClick={() => setDeleting(true)}>
                  {t('frameworks.editor.actions.delete')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
      {renaming && <RenameModal framework={framework} onClose={() => setRenaming(false)} onRenamed={afterChange} />}
      <ConfirmDialog
        opened={deleting}
        title={t('frameworks.editor.actions.deleteConfirmTitle', { name: framework.name })}
        message={t('frameworks.editor.actions.deleteConfirmText')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </>
  );
}

const NAME_FIELDS = ['name'] as const;

function RenameModal({
  framework,
  onClose,
  onRenamed,
}: {
  framework: FrameworkDetail;
  onClose: () => void;
  onRenamed: (updated: FrameworkDetail) => Promise<void>;
}) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const [name, setName] = useState(framework.name);
  const [error, setError] = useState<string>();
  const rename = useMutation({
    mutationFn: () => frameworksApi.rename(workspace.id, framework.id, name.trim()),
    onSuccess: async (updated) => {
      await onRenamed(updated);
      notifySuccess(t('frameworks.editor.actions.renamed'));
      onClose();
    },
    onError: (failure) => {
      const mapped = formErrorsOf(failure, NAME_FIELDS, t);
      setError(mapped.fields.name ?? mapped.general);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('errors.required'));
      return;
    }
    rename.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={t('frameworks.editor.actions.renameTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('frameworks.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
            required
            maxLength={200}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
