import { Alert, Button, Code, FileInput, Group, List, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, type ProblemFieldError } from '../../api/client';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';
import type { ImportFormat, ImportResult } from '../../api/types';
import { describeError } from '../../components/errors';
import { IconUpload } from '../../components/icons';
import { notifySuccess } from '../../components/notify';
import { useProblemText } from './problem-text';

/** Reads a chosen file as a JSON object, or says why it cannot. */
async function readJsonObject(file: File): Promise<{ ok: true; value: object } | { ok: false; message: string; notObject: boolean }> {
  const text = await file.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), notObject: false };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: '', notObject: true };
  return { ok: true, value };
}

/** `document.pages[0].name` → `pages[0].name`: paths in the file, as the person sees it. */
function pathInFile(path: string, root: string): string {
  const inside = path.replace(/^document\.?/, '');
  return inside === '' ? root : inside;
}

function ProblemList({ label, problems, color }: { label: string; problems: ProblemFieldError[]; color: string }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  return (
    <List aria-label={label} spacing="xs" size="sm" c={color === 'red' ? 'red.9' : undefined} className="problem-list">
      {problems.map((problem, index) => {
        const text = problemText(problem);
        return (
          <List.Item key={`${problem.path}-${index}`}>
            <Code className="problem-path">{pathInFile(problem.path, t('frameworks.import.root'))}</Code>{' '}
            <span>{text.main}</span>
            {text.detail && (
              <Text span size="xs" c="dimmed" lang="en" display="block">
                {text.detail}
              </Text>
            )}
          </List.Item>
        );
      })}
    </List>
  );
}

export function ImportFrameworkModal({ workspaceId, opened, onClose }: { workspaceId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat>('regards');
  const [name, setName] = useState('');
  const [fileError, setFileError] = useState<string>();
  const [refused, setRefused] = useState<ProblemFieldError[]>([]);
  const [general, setGeneral] = useState<string>();
  const [imported, setImported] = useState<ImportResult>();

  function reset() {
    setFile(null);
    setFormat('regards');
    setName('');
    setFileError(undefined);
    setRefused([]);
    setGeneral(undefined);
    setImported(undefined);
  }

  function close() {
    reset();
    onClose();
  }

  const open = async (result: ImportResult) => {
    close();
    await navigate(`/w/${workspaceId}/frameworks/${result.id}`);
  };

  const importFile = useMutation({
    mutationFn: (document: object) =>
      frameworksApi.import(workspaceId, { format, document, ...(name.trim() && { name: name.trim() }) }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.frameworks(workspaceId), exact: true });
      notifySuccess(t('frameworks.import.imported', { name: result.name }));
      if (result.warnings.length > 0) setImported(result);
      else await open(result);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'validation-failed' && error.fieldErrors.length > 0) {
        const inDocument = error.fieldErrors.filter((problem) => problem.path.startsWith('document'));
        setRefused(inDocument);
        const others = error.fieldErrors.filter((problem) => !problem.path.startsWith('document'));
        setGeneral(others.length > 0 ? others.map((problem) => problem.message).join(' ') : undefined);
        return;
      }
      setGeneral(describeError(error, t));
    },
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRefused([]);
    setGeneral(undefined);
    if (!file) {
      setFileError(t('frameworks.import.fileRequired'));
      return;
    }
    const read = await readJsonObject(file);
    if (!read.ok) {
      setFileError(read.notObject ? t('frameworks.import.notObject') : t('frameworks.import.notJson', { message: read.message }));
      return;
    }
    setFileError(undefined);
    importFile.mutate(read.value);
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('frameworks.import.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={window.matchMedia('(max-width: 30em)').matches}
    >
      {imported ? (
        <Stack gap="md">
          <Alert color="#8a5300" variant="light" title={t('frameworks.import.warnings', { count: imported.warnings.length })}>
            <ProblemList label={t('frameworks.import.warningsLabel')} problems={imported.warnings} color="dark" />
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            <Button onClick={() => void open(imported)} data-autofocus>
              {t('frameworks.import.openImported')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('frameworks.import.intro')}
            </Text>
            {refused.length > 0 && (
              <Alert color="red" variant="light" role="alert" title={t('frameworks.import.refused', { count: refused.length })}>
                <ProblemList label={t('frameworks.import.errorsLabel')} problems={refused} color="red" />
              </Alert>
            )}
            {general && (
              <Alert color="red" variant="light" role="alert">
                {general}
              </Alert>
            )}
            <FileInput
              label={t('frameworks.import.file')}
              placeholder={t('frameworks.import.filePlaceholder')}
              accept=".json,application/json"
              value={file}
              onChange={(next) => {
                setFile(next);
                setFileError(undefined);
                setRefused([]);
              }}
              error={fileError}
              leftSection={<IconUpload size={16} />}
              required
                      data-autofocus
            />
            <Radio.Group label={t('frameworks.import.format')} value={format} onChange={(value) => setFormat(value === 'surveyjs' ? 'surveyjs' : 'regards')}>
              <Stack gap="xs" mt={6}>
                <Radio value="regards" label={t('frameworks.import.formatRegards')} description={t('frameworks.import.formatRegardsHint')} />
                <Radio value="surveyjs" label={t('frameworks.import.formatSurveyjs')} description={t('frameworks.import.formatSurveyjsHint')} />
              </Stack>
            </Radio.Group>
            <TextInput
              label={t('frameworks.import.name')}
              description={t('frameworks.import.nameHint')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              maxLength={200}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={importFile.isPending} leftSection={<IconUpload size={16} />}>
                {t('frameworks.import.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
