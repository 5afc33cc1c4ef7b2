import { Alert, Button, Checkbox, Group, Loader, Modal, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { DEFAULT_K_THRESHOLD, MIN_K_THRESHOLD, type AnonymityMode } from '#domain/evaluation-status';
import { STAKEHOLDER_GROUPS, type StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { evaluationsApi, type EvaluationGroup } from '../../api/evaluations-api';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';
import { notifySuccess } from '../../components/notify';
import { groupLabel } from '../frameworks/framework-labels';
import { useFrameworks } from '../frameworks/use-frameworks';
import { AnonymitySelect, DimensionPicker, dimensionChoices, groupsAsked, type DimensionChoice } from './design-fields';
import { ProblemAlert, mapProblem, type ProblemSentence } from './evaluation-errors';
import { checkDays, formatDay, fromDayInput, toDayInput } from './evaluation-labels';
import { evaluationKeys } from './query-keys';

const FIELDS = ['frameworkVersionId', 'title', 'opensAt', 'closesAt', 'kThreshold', 'dimensionKeys', 'groups'] as const;
type Field = (typeof FIELDS)[number];

const SELF_ASSESSMENT: StakeholderGroupKey = 'self_assessment';
/** The API's own default for the self-assessment: one answer, known to the facilitator. */
const SELF_DEFAULT = { expectedCount: 1, anonymity: 'confidential' as AnonymityMode };
const DEFAULT_WEEKS_OPEN = 6;

interface GroupDraft {
  invited: boolean;
  expectedCount: number | string;
  anonymity: AnonymityMode;
}

function initialGroups(): Record<StakeholderGroupKey, GroupDraft> {
  return Object.fromEntries(
    STAKEHOLDER_GROUPS.map((group) => [
      group.key,
      group.key === SELF_ASSESSMENT ? { invited: true, ...SELF_DEFAULT } : { invited: false, expectedCount: 10, anonymity: 'anonymous' },
    ]),
  ) as Record<StakeholderGroupKey, GroupDraft>;
}

function initialDays() {
  const opens = new Date();
  const closes = new Date(opens.getTime() + DEFAULT_WEEKS_OPEN * 7 * 86_400_000);
  return { opensAt: toDayInput(opens.toISOString()), closesAt: toDayInput(closes.toISOString()) };
}

const isCount = (value: number | string) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function CreateEvaluationModal({
  workspaceId,
  organizationId,
  opened,
  onClose,
}: {
  workspaceId: string;
  organizationId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('evaluations.createModal.title')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={window.matchMedia('(max-width: 30em)').matches}
    >
      {/* Mounted only while open, so that each opening starts from a blank form. */}
      {opened && <CreateEvaluationForm workspaceId={workspaceId} organizationId={organizationId} onClose={onClose} />}
    </Modal>
  );
}

function CreateEvaluationForm({ workspaceId, organizationId, onClose }: { workspaceId: string; organizationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const frameworks = useFrameworks(workspaceId);
  const published = useMemo(() => (frameworks.data ?? []).filter((f) => f.latestPublished !== null), [frameworks.data]);

  const [frameworkId, setFrameworkId] = useState<string>();
  const [versionId, setVersionId] = useState<string>();
  const [title, setTitle] = useState('');
  const [days, setDays] = useState(initialDays);
  const [k, setK] = useState<number | string>(DEFAULT_K_THRESHOLD);
  const [dimensions, setDimensions] = useState<DimensionChoice[]>([]);
  const [groups, setGroups] = useState(initialGroups);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<ProblemSentence>();

  // The first published framework is preselected (a new network has the shipped one only).
  const chosenFramework = frameworkId ?? published[0]?.id;
  const framework = useQuery({
    queryKey: queryKeys.framework(workspaceId, chosenFramework ?? ''),
    queryFn: () => frameworksApi.get(workspaceId, chosenFramework!),
    enabled: chosenFramework !== undefined,
  });
  const publishedVersions = useMemo(() => (framework.data?.versions ?? []).filter((v) => v.status === 'published'), [framework.data]);
  const chosenVersion = versionId ?? published.find((f) => f.id === chosenFramework)?.latestPublished?.id;

  const content = useQuery({
    queryKey: ['workspaces', workspaceId, 'frameworks', chosenFramework, 'versions', chosenVersion, 'content'],
    queryFn: () => frameworksApi.version(workspaceId, chosenFramework!, chosenVersion!),
    enabled: chosenFramework !== undefined && chosenVersion !== undefined,
    staleTime: Infinity, // a published version never changes
  });

  // Another version means other dimensions: start again from all of them.
  useEffect(() => {
    setDimensions(dimensionChoices(content.data?.content, undefined));
  }, [content.data]);

  const chosenKeys = dimensions.filter((d) => d.chosen).map((d) => d.key);
  const asked = groupsAsked(content.data?.content, chosenKeys);

  const create = useMutation({
    mutationFn: (body: Parameters<typeof evaluationsApi.create>[2]) => evaluationsApi.create(workspaceId, organizationId, body),
    onSuccess: async (evaluation) => {
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.list(workspaceId, organizationId), exact: true });
      queryClient.setQueryData(evaluationKeys.one(workspaceId, organizationId, evaluation.id), evaluation);
      notifySuccess(t('evaluations.createModal.created', { title: evaluation.title }));
      onClose();
      await navigate(`/w/${workspaceId}/organizations/${organizationId}/evaluations/${evaluation.id}`);
    },
    onError: (error) => {
      const mapped = mapProblem(error, FIELDS, t);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
    },
  });

  function validate(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = { ...checkDays(days.opensAt, days.closesAt, t) };
    if (!chosenVersion) found.frameworkVersionId = t('evaluations.validation.frameworkNone');
    if (!title.trim()) found.title = t('evaluations.validation.required');
    if (typeof k !== 'number' || !Number.isInteger(k) || k < MIN_K_THRESHOLD) found.kThreshold = t('evaluations.validation.kMin', { min: MIN_K_THRESHOLD });
    if (content.data && chosenKeys.length === 0) found.dimensionKeys = t('evaluations.validation.dimensionsNone');
    if (STAKEHOLDER_GROUPS.some((g) => groups[g.key].invited && !isCount(groups[g.key].expectedCount))) found.groups = t('evaluations.validation.countInvalid');
    return found;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setGeneral(undefined);
    if (Object.keys(found).length > 0 || !chosenVersion) return;
    const invited: EvaluationGroup[] = STAKEHOLDER_GROUPS.filter((g) => groups[g.key].invited).map((g) => ({
      groupKey: g.key,
      expectedCount: groups[g.key].expectedCount as number,
      anonymity: groups[g.key].anonymity,
    }));
    create.mutate({
      frameworkVersionId: chosenVersion,
      title: title.trim(),
      opensAt: fromDayInput(days.opensAt, 'start')!,
      closesAt: fromDayInput(days.closesAt, 'end')!,
      kThreshold: k as number,
      ...(content.data ? { dimensionKeys: chosenKeys } : {}),
      groups: invited,
    });
  }

  const setGroup = (key: StakeholderGroupKey, patch: Partial<GroupDraft>) => setGroups((current) => ({ ...current, [key]: { ...current[key], ...patch } }));

  if (frameworks.isPending) return <Loader aria-label={t('common.loading')} role="status" />;
  if (frameworks.isError) return <ProblemAlert problem={{ main: t('errors.loadFailed') }} />;
  if (published.length === 0) {
    return (
      <Stack>
        <Alert color="yellow" variant="light">
          {t('evaluations.createModal.noFramework')}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {general && <ProblemAlert problem={general} />}
        <TextInput
          label={t('evaluations.fields.title')}
          placeholder={t('evaluations.fields.titlePlaceholder')}
          required
          value={title}
          maxLength={200}
          error={errors.title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          data-autofocus
        />
        <Group grow align="flex-start" gap="md" wrap="wrap">
          <NativeSelect
            label={t('evaluations.fields.framework')}
            description={t('evaluations.fields.frameworkHint')}
            value={chosenFramework}
            data={published.map((f) => ({ value: f.id, label: f.name }))}
            onChange={(event) => {
              setFrameworkId(event.currentTarget.value);
              setVersionId(undefined);
            }}
          />
          <NativeSelect
            label={t('evaluations.fields.version')}
            value={chosenVersion}
            error={errors.frameworkVersionId}
            disabled={publishedVersions.length === 0}
            data={publishedVersions.map((v) => ({
              value: v.id,
              label: t('evaluations.fields.versionOption', { number: v.number, date: v.publishedAt ? formatDay(v.publishedAt) : '' }),
            }))}
            onChange={(event) => setVersionId(event.currentTarget.value)}
          />
        </Group>
        <Stack gap={4}>
          <Group grow align="flex-start" gap="md">
            <TextInput
              type="date"
              label={t('evaluations.fields.opensAt')}
              required
              value={days.opensAt}
              error={errors.opensAt}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setDays((current) => ({ ...current, opensAt: value }));
              }}
            />
            <TextInput
              type="date"
              label={t('evaluations.fields.closesAt')}
              required
              value={days.closesAt}
              error={errors.closesAt}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setDays((current) => ({ ...current, closesAt: value }));
              }}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('evaluations.fields.datesHint')}
          </Text>
        </Stack>
        <NumberInput
          label={t('evaluations.fields.k')}
          description={t('evaluations.fields.kHint', { min: MIN_K_THRESHOLD })}
          min={MIN_K_THRESHOLD}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          value={k}
          error={errors.kThreshold}
          onChange={setK}
          maw={320}
        />

        {content.isPending ? (
          <Text size="sm" c="dimmed" role="status">
            {t('evaluations.createModal.loadingVersion')}
          </Text>
        ) : content.isError ? (
          <ProblemAlert problem={{ main: t('errors.loadFailed') }} />
        ) : (
          <DimensionPicker choices={dimensions} onChange={setDimensions} error={errors.dimensionKeys} />
        )}

        <Stack gap="xs" component="fieldset" className="evaluation-fieldset">
          <legend className="evaluation-legend">{t('evaluations.fields.groups')}</legend>
          <Text size="sm" c="dimmed">
            {t('evaluations.fields.groupsHint')}
          </Text>
          {errors.groups && (
            <Text size="sm" c="red.8" role="alert">
              {errors.groups}
            </Text>
          )}
          <div className="group-grid">
            {STAKEHOLDER_GROUPS.map((group) => {
              const draft = groups[group.key];
              const label = groupLabel(group.key);
              const isSelf = group.key === SELF_ASSESSMENT;
              return (
                <div key={group.key} className="group-card">
                  <Checkbox
                    label={label}
                    description={isSelf ? t('evaluations.fields.selfAlways') : asked && !asked.has(group.key) ? t('evaluations.fields.noQuestions') : undefined}
                    checked={draft.invited}
                    disabled={isSelf}
                    onChange={(event) => setGroup(group.key, { invited: event.currentTarget.checked })}
                    fw={500}
                  />
                  {draft.invited && (
                    <div className="group-card-fields">
                      <NumberInput
                        label={t('evaluations.fields.expected')}
                        aria-label={t('evaluations.fields.expectedFor', { group: label })}
                        min={0}
                        allowDecimal={false}
                        allowNegative={false}
                        value={draft.expectedCount}
                        error={!isCount(draft.expectedCount) && errors.groups ? t('evaluations.validation.countInvalid') : undefined}
                        onChange={(value) => setGroup(group.key, { expectedCount: value })}
                      />
                      <AnonymitySelect
                        label={t('evaluations.fields.anonymityFor', { group: label })}
                        value={draft.anonymity}
                        onChange={(anonymity) => setGroup(group.key, { anonymity })}
                      />
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </Stack>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('evaluations.createModal.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
