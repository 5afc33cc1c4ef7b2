import { Button, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { editableFields, MIN_K_THRESHOLD, type AnonymityMode, type EvaluationField, type EvaluationStatus } from '#domain/evaluation-status';
import type { FrameworkContent } from '#domain/framework';
import { MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS, retentionDeadline } from '#domain/retention';
import { STAKEHOLDER_GROUPS, type StakeholderGroupKey } from '#domain/stakeholder-group';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { evaluationsApi, type Evaluation, type EvaluationGroup, type UpdateEvaluationInput } from '../../api/evaluations-api';
import { frameworksApi } from '../../api/frameworks-api';
import type { OrganizationRole, SessionWorkspace } from '../../api/types';
import { currentLocale } from '../../app/i18n/i18n';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatDate } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { Section } from '../../components/section';
import { groupLabel, inUiLocale } from '../frameworks/framework-labels';
import { AnonymitySelect, DimensionPicker, dimensionChoices, type DimensionChoice } from './design-fields';
import { ProblemAlert, mapProblem, problemSentence, type ProblemSentence } from './evaluation-errors';
import { evaluationPermissions } from './evaluation-permissions';
import { StatusBadge, checkDays, fromDayInput, statusLabel, toDayInput } from './evaluation-labels';
import { evaluationKeys } from './query-keys';
import type { EvaluationRef } from './use-evaluations';

const SELF_ASSESSMENT: StakeholderGroupKey = 'self_assessment';

interface DesignProps {
  evaluationRef: EvaluationRef;
  evaluation: Evaluation;
  workspace: SessionWorkspace;
  organizationRole: OrganizationRole | undefined;
}

/**
 * Why a field cannot change for this person now, or undefined when it can. Mirrors the API's
 * rules (the role first, then the status) so that locked fields are disabled with their reason
 * rather than refused on save.
 */
function useLocks(evaluation: Evaluation, workspace: SessionWorkspace, organizationRole: OrganizationRole | undefined) {
  const { t } = useTranslation();
  const manage = evaluationPermissions.manage(workspace.role);
  const coDesign = evaluationPermissions.coDesign(workspace.role, organizationRole);
  const editable = editableFields(evaluation.status);
  return (field: EvaluationField): string | undefined => {
    const allowedByRole = manage || (coDesign && (field === 'dimensionKeys' || field === 'customQuestions'));
    if (!allowedByRole) return t('evaluations.design.lockedRole');
    if (!editable.includes(field)) return t('evaluations.design.lockedStatus', { status: statusLabel(evaluation.status, t) });
    return undefined;
  };
}

export function DesignTab({ evaluationRef, evaluation, workspace, organizationRole }: DesignProps) {
  const readFrameworks = evaluationPermissions.readFrameworks(workspace.role);
  const version = useQuery({
    queryKey: ['workspaces', workspace.id, 'frameworks', evaluation.frameworkId, 'versions', evaluation.frameworkVersionId, 'content'],
    queryFn: () => frameworksApi.version(workspace.id, evaluation.frameworkId, evaluation.frameworkVersionId),
    enabled: readFrameworks,
    staleTime: Infinity, // a published version never changes
  });
  const content = version.data?.content;

  return (
    <Stack gap="lg">
      <StatusSection evaluationRef={evaluationRef} evaluation={evaluation} workspace={workspace} />
      {/* Keyed by the last change, so the form restarts from what the server now holds. */}
      <SettingsSection
        key={`settings-${evaluation.updatedAt}`}
        evaluationRef={evaluationRef}
        evaluation={evaluation}
        workspace={workspace}
        organizationRole={organizationRole}
        content={content}
      />
      <GroupsSection evaluationRef={evaluationRef} evaluation={evaluation} workspace={workspace} organizationRole={organizationRole} />
      <CustomQuestionsSection evaluation={evaluation} content={content} />
    </Stack>
  );
}

function useEvaluationUpdater(evaluationRef: EvaluationRef) {
  const queryClient = useQueryClient();
  const { workspaceId, organizationId, evaluationId } = evaluationRef;
  return {
    set: (evaluation: Evaluation) => {
      queryClient.setQueryData(evaluationKeys.one(workspaceId, organizationId, evaluationId), evaluation);
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.list(workspaceId, organizationId), exact: true });
      void queryClient.invalidateQueries({ queryKey: evaluationKeys.collection(workspaceId, organizationId, evaluationId) });
    },
    /** After a refusal that means the page is out of date (status changed elsewhere). */
    refresh: (error: unknown) => {
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: evaluationKeys.one(workspaceId, organizationId, evaluationId), exact: true });
      }
    },
  };
}

/* ---------- Status and transitions ---------- */

function transitionAction(from: EvaluationStatus, to: EvaluationStatus, t: TFunction): string {
  if (to === 'collecting') return from === 'draft' ? t('evaluations.transitions.collecting.fromDraft') : t('evaluations.transitions.collecting.fromAnalysing');
  if (to === 'analysing') return t('evaluations.transitions.analysing.action');
  if (to === 'reporting') return t('evaluations.transitions.reporting.action');
  return t('evaluations.transitions.closed.action');
}

function transitionConfirm(to: EvaluationStatus, t: TFunction): string {
  if (to === 'collecting') return t('evaluations.transitions.collecting.confirm');
  if (to === 'analysing') return t('evaluations.transitions.analysing.confirm');
  if (to === 'reporting') return t('evaluations.transitions.reporting.confirm');
  return t('evaluations.transitions.closed.confirm');
}

function StatusSection({ evaluationRef, evaluation, workspace }: { evaluationRef: EvaluationRef; evaluation: Evaluation; workspace: SessionWorkspace }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const updater = useEvaluationUpdater(evaluationRef);
  const manage = evaluationPermissions.manage(workspace.role);
  const canDelete = evaluationPermissions.deleteDraft(workspace.role) && evaluation.status === 'draft';
  const [target, setTarget] = useState<EvaluationStatus>();
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<ProblemSentence>();
  const { workspaceId, organizationId, evaluationId } = evaluationRef;

  const transition = useMutation({
    mutationFn: (to: EvaluationStatus) => evaluationsApi.transition(workspaceId, organizationId, evaluationId, to),
    onSuccess: (updated) => {
      setTarget(undefined);
      setProblem(undefined);
      updater.set(updated);
      notifySuccess(t('evaluations.design.transitionDone', { status: statusLabel(updated.status, t) }));
    },
    onError: (error) => {
      setTarget(undefined);
      setProblem(problemSentence(error, t));
      updater.refresh(error);
    },
  });

  const remove = useMutation({
    mutationFn: () => evaluationsApi.remove(workspaceId, organizationId, evaluationId),
    onSuccess: async () => {
      setDeleting(false);
      notifySuccess(t('evaluations.design.deleted', { title: evaluation.title }));
      queryClient.removeQueries({ queryKey: evaluationKeys.one(workspaceId, organizationId, evaluationId) });
      await queryClient.invalidateQueries({ queryKey: evaluationKeys.list(workspaceId, organizationId), exact: true });
      await navigate(`/w/${workspaceId}/organizations/${organizationId}`, { replace: true });
    },
    onError: (error) => {
      setDeleting(false);
      notifyError(problemSentence(error, t).main);
      updater.refresh(error);
    },
  });

  const action = target ? transitionAction(evaluation.status, target, t) : '';

  return (
    <Section title={t('evaluations.design.statusTitle')}>
      <Group gap="sm">
        <Text>
          {t('evaluations.design.statusCurrent')}
          {t('common.colon')}
        </Text>
        <StatusBadge status={evaluation.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t(`evaluations.statusHint.${evaluation.status}`)}
      </Text>
      {problem && <ProblemAlert problem={problem} />}
      {manage && (
        <Group gap="sm">
          {evaluation.allowedTransitions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('evaluations.design.noTransition')}
            </Text>
          ) : (
            evaluation.allowedTransitions.map((to) => (
              <Button key={to} variant={to === 'collecting' ? 'filled' : 'light'} onClick={() => setTarget(to)}>
                {transitionAction(evaluation.status, to, t)}
              </Button>
            ))
          )}
          {canDelete && (
            <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
              {t('evaluations.design.deleteDraft')}
            </Button>
          )}
        </Group>
      )}
      <Modal
        opened={target !== undefined}
        onClose={() => setTarget(undefined)}
        title={t('evaluations.transitions.confirmTitle', { action })}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {target && (
          <>
            <Text mb="lg">{transitionConfirm(target, t)}</Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setTarget(undefined)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button loading={transition.isPending} onClick={() => transition.mutate(target)}>
                {action}
              </Button>
            </Group>
          </>
        )}
      </Modal>
      <ConfirmDialog
        opened={deleting}
        title={t('evaluations.design.deleteTitle', { title: evaluation.title })}
        message={t('evaluations.design.deleteText')}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Section>
  );
}

/* ---------- Title, dates, k, dimensions ---------- */

const SETTINGS_FIELDS = ['title', 'opensAt', 'closesAt', 'kThreshold', 'retentionMonths', 'dimensionKeys'] as const;
type SettingsField = (typeof SETTINGS_FIELDS)[number];

function SettingsSection({ evaluationRef, evaluation, workspace, organizationRole, content }: DesignProps & { content: FrameworkContent | undefined }) {
  const { t } = useTranslation();
  const updater = useEvaluationUpdater(evaluationRef);
  const lock = useLocks(evaluation, workspace, organizationRole);
  const initial = {
    title: evaluation.title,
    opensAt: toDayInput(evaluation.opensAt),
    closesAt: toDayInput(evaluation.closesAt),
    kThreshold: evaluation.kThreshold as number | string,
    retentionMonths: evaluation.retentionMonths as number | string,
  };
  const [values, setValues] = useState(initial);
  const [dimensions, setDimensions] = useState<DimensionChoice[] | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [general, setGeneral] = useState<ProblemSentence>();
  // The version's titles arrive after the first render: until touched, the choices follow them.
  const shownDimensions = dimensions ?? dimensionChoices(content, evaluation.dimensionKeys);
  const anyEditable = SETTINGS_FIELDS.some((field) => lock(field) === undefined);

  const save = useMutation({
    mutationFn: (body: UpdateEvaluationInput) => evaluationsApi.update(evaluationRef.workspaceId, evaluationRef.organizationId, evaluationRef.evaluationId, body),
    onSuccess: (updated) => {
      notifySuccess(t('evaluations.design.saved'));
      updater.set(updated);
    },
    onError: (error) => {
      const mapped = mapProblem(error, SETTINGS_FIELDS, t);
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      updater.refresh(error);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(undefined);
    const found: Partial<Record<SettingsField, string>> = { ...checkDays(values.opensAt, values.closesAt, t) };
    if (!values.title.trim()) found.title = t('evaluations.validation.required');
    const k = values.kThreshold;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < MIN_K_THRESHOLD) found.kThreshold = t('evaluations.validation.kMin', { min: MIN_K_THRESHOLD });
    const months = values.retentionMonths;
    if (typeof months !== 'number' || !Number.isInteger(months) || months < MIN_RETENTION_MONTHS || months > MAX_RETENTION_MONTHS) {
      found.retentionMonths = t('evaluations.validation.retention', { min: MIN_RETENTION_MONTHS, max: MAX_RETENTION_MONTHS });
    }
    const chosen = shownDimensions.filter((d) => d.chosen).map((d) => d.key);
    if (chosen.length === 0) found.dimensionKeys = t('evaluations.validation.dimensionsNone');
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    // Only what changed is sent: the API refuses any locked field, even one sent back unchanged in value but not in form.
    const body: UpdateEvaluationInput = {};
    if (values.title.trim() !== evaluation.title) body.title = values.title.trim();
    if (values.opensAt !== initial.opensAt) body.opensAt = fromDayInput(values.opensAt, 'start');
    if (values.closesAt !== initial.closesAt) body.closesAt = fromDayInput(values.closesAt, 'end');
    if (k !== evaluation.kThreshold) body.kThreshold = k as number;
    if (months !== evaluation.retentionMonths) body.retentionMonths = months as number;
    if (chosen.join('\n') !== evaluation.dimensionKeys.join('\n')) body.dimensionKeys = chosen;
    if (Object.keys(body).length === 0) {
      notifySuccess(t('evaluations.design.nothingToSave'));
      return;
    }
    save.mutate(body);
  }

  const titleLock = lock('title');
  const opensLock = lock('opensAt');
  const closesLock = lock('closesAt');
  const kLock = lock('kThreshold');
  const retentionLock = evaluation.purgedAt ? t('evaluations.fields.retentionPurged', { date: formatDate(evaluation.purgedAt, currentLocale()) }) : lock('retentionMonths');
  const months = values.retentionMonths;
  const retentionPreview =
    typeof months === 'number' && Number.isInteger(months) && months >= MIN_RETENTION_MONTHS && months <= MAX_RETENTION_MONTHS
      ? t('evaluations.fields.retentionHint', { date: formatDate(retentionDeadline(new Date(evaluation.closesAt), months).toISOString(), currentLocale()) })
      : undefined;
  const dimensionsLock = lock('dimensionKeys');

  return (
    <Section title={t('evaluations.design.general')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {general && <ProblemAlert problem={general} />}
          <TextInput
            label={t('evaluations.fields.title')}
            required
            value={values.title}
            maxLength={200}
            disabled={titleLock !== undefined}
            description={titleLock}
            error={errors.title}
            onChange={(event) => {
              const title = event.currentTarget.value;
              setValues((current) => ({ ...current, title }));
            }}
          />
          <Group grow align="flex-start" gap="md">
            <TextInput
              type="date"
              label={t('evaluations.fields.opensAt')}
              required
              value={values.opensAt}
              disabled={opensLock !== undefined}
              description={opensLock}
              error={errors.opensAt}
              onChange={(event) => {
                const opensAt = event.currentTarget.value;
                setValues((current) => ({ ...current, opensAt }));
              }}
            />
            <TextInput
              type="date"
              label={t('evaluations.fields.closesAt')}
              required
              value={values.closesAt}
              disabled={closesLock !== undefined}
              description={closesLock}
              error={errors.closesAt}
              onChange={(event) => {
                const closesAt = event.currentTarget.value;
                setValues((current) => ({ ...current, closesAt }));
              }}
            />
          </Group>
          <NumberInput
            label={t('evaluations.fields.k')}
            description={kLock ? `${kLock} ${t('evaluations.fields.kHint', { min: MIN_K_THRESHOLD })}` : t('evaluations.fields.kHint', { min: MIN_K_THRESHOLD })}
            min={MIN_K_THRESHOLD}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            value={values.kThreshold}
            disabled={kLock !== undefined}
            error={errors.kThreshold}
            onChange={(kThreshold) => setValues((current) => ({ ...current, kThreshold }))}
            maw={360}
          />
          <NumberInput
            label={t('evaluations.fields.retention')}
            description={retentionLock ?? retentionPreview}
            min={MIN_RETENTION_MONTHS}
            max={MAX_RETENTION_MONTHS}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t('evaluations.fields.months')}`}
            value={values.retentionMonths}
            disabled={retentionLock !== undefined}
            error={errors.retentionMonths}
            onChange={(retentionMonths) => setValues((current) => ({ ...current, retentionMonths }))}
            maw={360}
          />
          <DimensionPicker
            choices={shownDimensions}
            onChange={setDimensions}
            disabled={dimensionsLock !== undefined}
            description={dimensionsLock}
            error={errors.dimensionKeys}
          />
          {anyEditable && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                {t('evaluations.design.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Section>
  );
}

/* ---------- Stakeholder groups ---------- */

function GroupsSection({ evaluationRef, evaluation, workspace, organizationRole }: Omit<DesignProps, 'content'>) {
  const { t } = useTranslation();
  const lock = useLocks(evaluation, workspace, organizationRole);
  const missing = STAKEHOLDER_GROUPS.filter((g) => !evaluation.groups.some((existing) => existing.groupKey === g.key));
  const addLock = lock('groups');

  return (
    <Section title={t('evaluations.design.groupsTitle')} description={t('evaluations.fields.groupsHint')}>
      <div className="table-scroll">
        <Table verticalSpacing="sm" aria-label={t('evaluations.design.groupsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('evaluations.design.groupColumn')}</Table.Th>
              <Table.Th scope="col">{t('evaluations.fields.expected')}</Table.Th>
              <Table.Th scope="col">{t('evaluations.anonymity.label')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evaluation.groups.map((group) => (
              <GroupRow key={`${group.groupKey}-${evaluation.updatedAt}`} evaluationRef={evaluationRef} group={group} lock={lock} />
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {addLock === undefined ? (
        missing.length > 0 ? (
          <AddGroupForm key={evaluation.updatedAt} evaluationRef={evaluationRef} missing={missing.map((g) => g.key)} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('evaluations.design.addGroupNone')}
          </Text>
        )
      ) : null}
    </Section>
  );
}

function GroupRow({
  evaluationRef,
  group,
  lock,
}: {
  evaluationRef: EvaluationRef;
  group: EvaluationGroup;
  lock: (field: EvaluationField) => string | undefined;
}) {
  const { t } = useTranslation();
  const updater = useEvaluationUpdater(evaluationRef);
  const [expectedCount, setExpectedCount] = useState<number | string>(group.expectedCount);
  const [anonymity, setAnonymity] = useState<AnonymityMode>(group.anonymity);
  const [problem, setProblem] = useState<ProblemSentence>();
  const [removing, setRemoving] = useState(false);
  const label = groupLabel(group.groupKey);
  const countLock = lock('expectedCount');
  const anonymityLock = lock('anonymity');
  const removeLock = lock('groups');
  const changed = expectedCount !== group.expectedCount || anonymity !== group.anonymity;
  const validCount = typeof expectedCount === 'number' && Number.isInteger(expectedCount) && expectedCount >= 0;
  const { workspaceId, organizationId, evaluationId } = evaluationRef;

  const save = useMutation({
    mutationFn: () => evaluationsApi.putGroup(workspaceId, organizationId, evaluationId, group.groupKey, { expectedCount: expectedCount as number, anonymity }),
    onSuccess: (updated) => {
      notifySuccess(t('evaluations.design.groupSaved', { group: label }));
      updater.set(updated);
    },
    onError: (error) => {
      setProblem(problemSentence(error, t));
      updater.refresh(error);
    },
  });
  const remove = useMutation({
    mutationFn: () => evaluationsApi.removeGroup(workspaceId, organizationId, evaluationId, group.groupKey),
    onSuccess: async () => {
      setRemoving(false);
      notifySuccess(t('evaluations.design.groupRemoved', { group: label }));
      updater.set(await evaluationsApi.get(workspaceId, organizationId, evaluationId));
    },
    onError: (error) => {
      setRemoving(false);
      setProblem(problemSentence(error, t));
      updater.refresh(error);
    },
  });

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {label}
        {problem && (
          <div>
            <ProblemAlert problem={problem} />
          </div>
        )}
      </Table.Th>
      <Table.Td miw={140}>
        <NumberInput
          aria-label={t('evaluations.fields.expectedFor', { group: label })}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={expectedCount}
          disabled={countLock !== undefined}
          description={countLock}
          error={validCount ? undefined : t('evaluations.validation.countInvalid')}
          onChange={setExpectedCount}
        />
      </Table.Td>
      <Table.Td miw={220}>
        <AnonymitySelect
          label={t('evaluations.fields.anonymityFor', { group: label })}
          value={anonymity}
          disabled={anonymityLock !== undefined}
          description={anonymityLock ? `${anonymityLock} ${t('evaluations.design.anonymityLocked')}` : undefined}
          onChange={setAnonymity}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {(countLock === undefined || anonymityLock === undefined) && (
            <Button
              size="compact-sm"
              disabled={!changed || !validCount}
              loading={save.isPending}
              aria-label={t('evaluations.design.saveGroupLabel', { group: label })}
              onClick={() => {
                setProblem(undefined);
                save.mutate();
              }}
            >
              {t('evaluations.design.saveGroup')}
            </Button>
          )}
          {removeLock === undefined && group.groupKey !== SELF_ASSESSMENT && (
            <Button size="compact-sm" variant="subtle" color="red" aria-label={t('evaluations.design.removeGroupLabel', { group: label })} onClick={() => setRemoving(true)}>
              {t('evaluations.design.removeGroup')}
            </Button>
          )}
        </Group>
        <ConfirmDialog
          opened={removing}
          title={t('evaluations.design.removeGroupTitle', { group: label })}
          message={t('evaluations.design.removeGroupText')}
          confirmLabel={t('evaluations.design.removeGroup')}
          loading={remove.isPending}
          onConfirm={() => remove.mutate()}
          onClose={() => setRemoving(false)}
        />
      </Table.Td>
    </Table.Tr>
  );
}

function AddGroupForm({ evaluationRef, missing }: { evaluationRef: EvaluationRef; missing: StakeholderGroupKey[] }) {
  const { t } = useTranslation();
  const updater = useEvaluationUpdater(evaluationRef);
  const [groupKey, setGroupKey] = useState<StakeholderGroupKey>(missing[0]!);
  const [expectedCount, setExpectedCount] = useState<number | string>(10);
  const [anonymity, setAnonymity] = useState<AnonymityMode>('anonymous');
  const [problem, setProblem] = useState<ProblemSentence>();
  const validCount = typeof expectedCount === 'number' && Number.isInteger(expectedCount) && expectedCount >= 0;

  const add = useMutation({
    mutationFn: () =>
      evaluationsApi.putGroup(evaluationRef.workspaceId, evaluationRef.organizationId, evaluationRef.evaluationId, groupKey, {
        expectedCount: expectedCount as number,
        anonymity,
      }),
    onSuccess: (updated) => {
      notifySuccess(t('evaluations.design.groupAdded', { group: groupLabel(groupKey) }));
      updater.set(updated);
    },
    onError: (error) => {
      setProblem(problemSentence(error, t));
      updater.refresh(error);
    },
  });

  return (
    <Stack gap="sm" component="fieldset" className="evaluation-fieldset">
      <legend className="evaluation-legend">{t('evaluations.design.addGroup')}</legend>
      {problem && <ProblemAlert problem={problem} />}
      <Group align="flex-start" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('evaluations.design.groupColumn')}
          value={groupKey}
          data={missing.map((key) => ({ value: key, label: groupLabel(key) }))}
          onChange={(event) => setGroupKey(event.currentTarget.value as StakeholderGroupKey)}
        />
        <NumberInput
          label={t('evaluations.fields.expected')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={expectedCount}
          error={validCount ? undefined : t('evaluations.validation.countInvalid')}
          onChange={setExpectedCount}
          maw={160}
        />
        <AnonymitySelect label={t('evaluations.anonymity.label')} value={anonymity} onChange={setAnonymity} />
      </Group>
      <div>
        <Button
          variant="light"
          disabled={!validCount}
          loading={add.isPending}
          onClick={() => {
            setProblem(undefined);
            add.mutate();
          }}
        >
          {t('evaluations.design.addGroupSubmit')}
        </Button>
      </div>
    </Stack>
  );
}

/* ---------- The organization's own questions (read-only here) ---------- */

function CustomQuestionsSection({ evaluation, content }: { evaluation: Evaluation; content: FrameworkContent | undefined }) {
  const { t } = useTranslation();
  const dimensionTitle = (key: string) => {
    const dimension = content?.dimensions.find((d) => d.key === key);
    return dimension ? inUiLocale(dimension.title) : key;
  };
  return (
    <Section title={t('evaluations.fields.customQuestions')} description={t('evaluations.fields.customQuestionsReadOnly')}>
      {evaluation.customQuestions.length === 0 ? (
        <Text c="dimmed">{t('evaluations.fields.customQuestionsNone')}</Text>
      ) : (
        <Stack gap="md" component="ul" className="token-list">
          {evaluation.customQuestions.map((custom) => (
            <li key={custom.indicator.key} className="token-item">
              <Text fw={500}>{inUiLocale(custom.indicator.title)}</Text>
              <Text size="sm" c="dimmed">
                {t('evaluations.fields.customQuestionDimension', { dimension: dimensionTitle(custom.dimensionKey) })}
              </Text>
              {custom.indicator.questions.map((question) => (
                <Stack key={question.key} gap={2} mt={6}>
                  <Text size="sm" c="dimmed">
                    {t('evaluations.fields.customQuestionAudiences', { groups: question.audiences.map(groupLabel).join(', ') })}
                  </Text>
                  {question.audiences.map((audience) => {
                    const wording = question.wording[audience];
                    return wording ? (
                      <Text key={audience} size="sm">
                        {groupLabel(audience)}
                        {t('common.colon')}
                        {inUiLocale(wording)}
                      </Text>
                    ) : null;
                  })}
                </Stack>
              ))}
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}
