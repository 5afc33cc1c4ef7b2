import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import type { Criterion, Dimension, FrameworkContent, Indicator, Question } from '#domain/framework';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '../../../components/icons';
import { announce } from '../../../components/live-announcer';
import {
  CHILD_LEVEL,
  criterionAt,
  dimensionAt,
  fieldPath,
  indicatorAt,
  itemAt,
  levelOf,
  moveItem,
  newCriterion,
  newDimension,
  newIndicator,
  newQuestion,
  removeItem,
  setOptional,
  siblingCount,
  type ItemLevel,
  type ItemPath,
} from './content-ops';
import { fieldId, useEditor } from './editor-context';
import { KeyField, LocalizedField, useFieldError } from './fields';
import { IndicatorForm } from './indicator-form';
import { itemLabel } from './item-label';
import { QuestionForm } from './question-form';
import { useTitleAndKey } from './use-title-and-key';

/**
 * Selects an item of the outline. `focus`: a content path whose field takes the focus, `false` to
 * leave the focus where it is (move buttons), omitted to focus the form's heading.
 */
export type SelectItem = (path: ItemPath, focus?: string | false) => void;

/** The form of the selected item: its fields, its place among its siblings, its children. */
export function ItemForm({ path, onSelect }: { path: ItemPath; onSelect: SelectItem }) {
  const { t } = useTranslation();
  const { content } = useEditor();
  const level = levelOf(path);
  const item = itemAt(content, path);
  if (!item) return null;
  const title = itemLabel(content, path, t);

  return (
    <Paper component="section" p={{ base: 'md', sm: 'lg' }} aria-labelledby="item-form-title">
      <Stack gap="lg">
        <ItemHeader path={path} level={level} title={title} onSelect={onSelect} />
        {level === 'framework' && <FrameworkFields />}
        {level === 'dimension' && <DimensionFields path={path} />}
        {level === 'criterion' && <CriterionFields path={path} />}
        {level === 'indicator' && <IndicatorForm path={path} />}
        {level === 'question' && <QuestionForm path={path} />}
        {level !== 'question' && <ChildList path={path} onSelect={onSelect} />}
      </Stack>
    </Paper>
  );
}

function ItemHeader({ path, level, title, onSelect }: { path: ItemPath; level: ItemLevel; title: string; onSelect: SelectItem }) {
  const { t } = useTranslation();
  const { content, update, readOnly } = useEditor();
  const [confirming, setConfirming] = useState(false);
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const index = path[path.length - 1] ?? 0;
  const count = siblingCount(content, path);
  const item = itemAt(content, path);
  const hasChildren =
    item !== undefined &&
    (('dimensions' in item && item.dimensions.length > 0) ||
      ('criteria' in item && item.criteria.length > 0) ||
      ('indicators' in item && item.indicators.length > 0) ||
      ('questions' in item && item.questions.length > 0));

  function move(delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= count) return;
    update((draft) => void moveItem(draft, path, delta));
    const next = [...path.slice(0, -1), target];
    onSelect(next, false);
    announce(t('frameworks.editor.moved', { title, position: target + 1, count }));
    // At an end the pressed button becomes disabled: keep the focus on the other one.
    window.requestAnimationFrame(() => {
      if (target === 0) downRef.current?.focus();
      else if (target === count - 1) upRef.current?.focus();
    });
  }

  function remove() {
    const next = removeItem(structuredClone(content), path);
    update((draft) => void removeItem(draft, path));
    setConfirming(false);
    onSelect(next);
    announce(t('frameworks.editor.removed', { title }));
  }

  return (
    <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
      <div>
        <Text size="xs" fw={600} tt="uppercase" c="dimmed">
          {t(`frameworks.editor.levels.${level}`)}
        </Text>
        <Title order={2} id="item-form-title" tabIndex={-1} className="cell-break">
          {title}
        </Title>
      </div>
      {path.length > 0 && !readOnly && (
        <Group gap={6}>
          <Tooltip label={t('frameworks.editor.moveUp')} withArrow>
            <ActionIcon
              ref={upRef}
              variant="default"
              size="lg"
              aria-label={t('frameworks.editor.moveUpLabel', { title })}
              disabled={index === 0}
              onClick={() => move(-1)}
            >
              <IconArrowUp />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('frameworks.editor.moveDown')} withArrow>
            <ActionIcon
              ref={downRef}
              variant="default"
              size="lg"
              aria-label={t('frameworks.editor.moveDownLabel', { title })}
              disabled={index >= count - 1}
              onClick={() => move(1)}
            >
              <IconArrowDown />
            </ActionIcon>
          </Tooltip>
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            aria-label={t('frameworks.editor.removeLabel', { title })}
            onClick={() => (hasChildren ? setConfirming(true) : remove())}
          >
            {t('frameworks.editor.remove')}
          </Button>
          <ConfirmDialog
            opened={confirming}
            title={t('frameworks.editor.removeConfirmTitle', { title })}
            message={t('frameworks.editor.removeConfirmText', { level: t(`frameworks.editor.levels.${level}`).toLowerCase() })}
            confirmLabel={t('common.delete')}
            onConfirm={remove}
            onClose={() => setConfirming(false)}
          />
        </Group>
      )}
    </Group>
  );
}

/** The children of an item, to open one or add one. */
function ChildList({ path, onSelect }: { path: ItemPath; onSelect: SelectItem }) {
  const { t } = useTranslation();
  const { content, readOnly } = useEditor();
  const addChild = useAddChild(onSelect);
  const level = levelOf(path);
  const childLevel = CHILD_LEVEL[level];
  const count = childCount(content, path);
  const childError = useFieldError(fieldPath(path, CHILD_FIELD[level]));
  if (!childLevel) return null;

  return (
    <Stack gap="xs" component="section" aria-labelledby="item-children-title">
      <Title order={3} id="item-children-title">
        {t(`frameworks.editor.children.${level === 'question' ? 'indicator' : level}`)}
      </Title>
      {childError && (
        <Text size="sm" c="red.8" role="note">
          {childError}
        </Text>
      )}
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('frameworks.editor.noChildren')}
        </Text>
      ) : (
        <ol className="child-list">
          {Array.from({ length: count }, (_, index) => {
            const childPath = [...path, index];
            return (
              <li key={index}>
                <button type="button" className="error-link child-link" onClick={() => onSelect(childPath)}>
                  {itemLabel(content, childPath, t)}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {!readOnly && (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => addChild(path)}>
            {t(`frameworks.editor.add.${childLevel}`)}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Adds a child (with a generated, unique key) to the item at a path, then selects it. */
export function useAddChild(onSelect: SelectItem) {
  const { t } = useTranslation();
  const { content, update, autoKeys } = useEditor();
  return (path: ItemPath) => {
    const level = CHILD_LEVEL[levelOf(path)];
    const child = level ? createChild(content, path, level, t) : undefined;
    if (!child) return;
    const nextPath = [...path, childCount(content, path)];
    update((draft) => appendChild(draft, path, structuredClone(child)));
    if (child.level !== 'question') autoKeys.add(child.level, child.item.key);
    onSelect(nextPath, fieldPath(nextPath, child.level === 'question' ? 'audiences' : 'title.fr'));
  };
}

type NewChild =
  | { level: 'dimension'; item: Dimension }
  | { level: 'criterion'; item: Criterion }
  | { level: 'indicator'; item: Indicator }
  | { level: 'question'; item: Question };

/** A new child for the item at `path`, with a key unique in `content`. */
function createChild(content: FrameworkContent, path: ItemPath, level: ItemLevel, t: TFunction): NewChild | undefined {
  switch (level) {
    case 'dimension':
      return { level, item: newDimension(content, t('frameworks.editor.newTitle.dimension')) };
    case 'criterion':
      return { level, item: newCriterion(content, t('frameworks.editor.newTitle.criterion')) };
    case 'indicator':
      return { level, item: newIndicator(content, t('frameworks.editor.newTitle.indicator')) };
    case 'question': {
      const indicator = indicatorAt(content, path);
      return indicator ? { level, item: newQuestion(content, indicator) } : undefined;
    }
    default:
      return undefined;
  }
}

function appendChild(draft: FrameworkContent, path: ItemPath, child: NewChild): void {
  switch (child.level) {
    case 'dimension':
      draft.dimensions.push(child.item);
      break;
    case 'criterion':
      dimensionAt(draft, path)?.criteria.push(child.item);
      break;
    case 'indicator':
      criterionAt(draft, path)?.indicators.push(child.item);
      break;
    case 'question':
      indicatorAt(draft, path)?.questions.push(child.item);
      break;
  }
}

const CHILD_FIELD: Record<ItemLevel, string> = {
  framework: 'dimensions',
  dimension: 'criteria',
  criterion: 'indicators',
  indicator: 'questions',
  question: '',
};

function childCount(content: FrameworkContent, path: ItemPath): number {
  const item = itemAt(content, path);
  if (!item) return 0;
  if ('dimensions' in item) return item.dimensions.length;
  if ('criteria' in item) return item.criteria.length;
  if ('indicators' in item) return item.indicators.length;
  if ('questions' in item) return item.questions.length;
  return 0;
}

function FrameworkFields() {
  const { t } = useTranslation();
  const { content, update, readOnly } = useEditor();
  const licenceError = useFieldError('licence');
  const sources = content.sources ?? [];
  return (
    <Stack gap="md">
      <LocalizedField
        path="title"
        label={t('frameworks.editor.fields.title')}
        value={content.title}
        onChange={(next) => update((draft) => void (draft.title = next ?? { fr: '' }))}
      />
      <LocalizedField
        path="description"
        label={t('frameworks.editor.fields.frameworkDescription')}
        value={content.description}
        optional
        multiline
        maxLength={10000}
        onChange={(next) => update((draft) => setOptional(draft, 'description', next))}
      />
      <TextInput
        id={fieldId('licence')}
        label={t('frameworks.editor.fields.licence')}
        description={t('frameworks.editor.fields.licenceHint')}
        value={content.licence ?? ''}
        error={licenceError}
        readOnly={readOnly}
        maxLength={64}
        onChange={(event) => {
          const value = event.currentTarget.value.trim();
          update((draft) => setOptional(draft, 'licence', value === '' ? undefined : value));
        }}
      />
      <SourcesFields sources={sources} />
    </Stack>
  );
}

function SourcesFields({ sources }: { sources: NonNullable<FrameworkContent['sources']> }) {
  const { t } = useTranslation();
  const { update, readOnly } = useEditor();
  if (readOnly && sources.length === 0) return null;
  return (
    <Stack gap="xs" component="fieldset" className="plain-fieldset">
      <legend className="fieldset-legend">{t('frameworks.editor.fields.sources')}</legend>
      {sources.map((source, index) => (
        <SourceRow key={index} index={index} citation={source.citation} url={source.url} />
      ))}
      {!readOnly && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => update((draft) => void (draft.sources = [...(draft.sources ?? []), { citation: '' }]))}
          >
            {t('frameworks.editor.fields.addSource')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function SourceRow({ index, citation, url }: { index: number; citation: string; url: string | undefined }) {
  const { t } = useTranslation();
  const { update, readOnly } = useEditor();
  const base = `sources[${index}]`;
  const citationError = useFieldError(base, `${base}.citation`);
  const urlError = useFieldError(`${base}.url`);
  const n = index + 1;
  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <TextInput
        id={fieldId(`${base}.citation`)}
        label={t('frameworks.editor.fields.sourceCitation', { n })}
        value={citation}
        error={citationError}
        readOnly={readOnly}
        maxLength={1000}
        className="grow-field"
        onChange={(event) => {
          const value = event.currentTarget.value;
          update((draft) => {
            const source = draft.sources?.[index];
            if (source) source.citation = value;
          });
        }}
      />
      <TextInput
        id={fieldId(`${base}.url`)}
        label={t('frameworks.editor.fields.sourceUrl', { n })}
        value={url ?? ''}
        error={urlError}
        readOnly={readOnly}
        type="url"
        maxLength={2000}
        className="grow-field"
        onChange={(event) => {
          const value = event.currentTarget.value.trim();
          update((draft) => {
            const source = draft.sources?.[index];
            if (source) setOptional(source, 'url', value === '' ? undefined : value);
          });
        }}
      />
      {!readOnly && (
        <ActionIcon
          variant="subtle"
          color="red"
          size="lg"
          mt={26}
          aria-label={t('frameworks.editor.fields.removeSource', { n })}
          onClick={() =>
            update((draft) => {
              draft.sources?.splice(index, 1);
              if (draft.sources?.length === 0) delete draft.sources;
            })
          }
        >
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}

function DimensionFields({ path }: { path: ItemPath }) {
  const { t } = useTranslation();
  const { update } = useEditor();
  const { item, setTitle, setKey } = useTitleAndKey(path, 'dimension');
  const dimension = item && 'criteria' in item ? item : undefined;
  if (!dimension) return null;
  return (
    <Stack gap="md">
      <LocalizedField path={fieldPath(path, 'title')} label={t('frameworks.editor.fields.title')} value={dimension.title} onChange={setTitle} />
      <KeyField path={fieldPath(path, 'key')} value={dimension.key} onChange={setKey} />
      <LocalizedField
        path={fieldPath(path, 'introduction')}
        label={t('frameworks.editor.fields.introduction')}
        description={t('frameworks.editor.fields.introductionHint')}
        value={dimension.introduction}
        optional
        multiline
        maxLength={10000}
        onChange={(next) =>
          update((draft) => {
            const target = dimensionAt(draft, path);
            if (target) setOptional(target, 'introduction', next);
          })
        }
      />
    </Stack>
  );
}

function CriterionFields({ path }: { path: ItemPath }) {
  const { t } = useTranslation();
  const { update } = useEditor();
  const { item, setTitle, setKey } = useTitleAndKey(path, 'criterion');
  const criterion = item && 'indicators' in item ? item : undefined;
  if (!criterion) return null;
  return (
    <Stack gap="md">
      <LocalizedField path={fieldPath(path, 'title')} label={t('frameworks.editor.fields.title')} value={criterion.title} onChange={setTitle} />
      <KeyField path={fieldPath(path, 'key')} value={criterion.key} onChange={setKey} />
      <LocalizedField
        path={fieldPath(path, 'description')}
        label={t('frameworks.editor.fields.description')}
        description={t('frameworks.editor.fields.descriptionHint')}
        value={criterion.description}
        optional
        multiline
        onChange={(next) =>
          update((draft) => {
            const target = criterionAt(draft, path);
            if (target) setOptional(target, 'description', next);
          })
        }
      />
    </Stack>
  );
}
