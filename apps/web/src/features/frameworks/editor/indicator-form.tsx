import { ActionIcon, Button, Checkbox, Group, NativeSelect, Radio, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { formatPath } from '#domain/field-error';
import {
  DONT_KNOW_MODES,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  KINDS_WITH_DONT_KNOW,
  type DontKnowMode,
  type Indicator,
  type IndicatorKind,
  type IndicatorLevel,
  type ScaleSpec,
} from '#domain/framework';
import type { LocalizedText } from '#domain/locale';
import { useTranslation } from 'react-i18next';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '../../../components/icons';
import {
  changeKind,
  choiceValueFromLabel,
  criterionAt,
  defaultScoring,
  fieldPath,
  indicatorAt,
  renameChoice,
  setOptional,
  syncWeights,
  type ItemPath,
} from './content-ops';
import { fieldId, useEditor } from './editor-context';
import { KeyField, LocalizedField, NumberField, useFieldError } from './fields';
import { useTitleAndKey } from './use-title-and-key';

const MAX_SCALE_POINTS = 11;

function isOneOf<T extends string>(options: readonly T[], value: string): value is T {
  return (options as readonly string[]).includes(value);
}

function useIndicator(path: ItemPath) {
  const { content, update } = useEditor();
  const indicator = indicatorAt(content, path);
  /** Edits the indicator in place (on the fresh copy). */
  const edit = (fn: (target: Indicator) => void) =>
    update((draft) => {
      const target = indicatorAt(draft, path);
      if (target) fn(target);
    });
  /** Replaces the indicator (a change of kind rebuilds it). */
  const replace = (fn: (target: Indicator) => Indicator) =>
    update((draft) => {
      const criterion = criterionAt(draft, path);
      const index = path[2];
      const current = criterion?.indicators[index];
      if (criterion && current) criterion.indicators[index] = fn(current);
    });
  return { indicator, edit, replace };
}

export function IndicatorForm({ path }: { path: ItemPath }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const { setTitle, setKey } = useTitleAndKey(path, 'indicator');
  const { indicator, edit, replace } = useIndicator(path);
  const levelError = useFieldError(fieldPath(path, 'level'));
  const kindError = useFieldError(fieldPath(path, 'kind'));
  const dontKnowError = useFieldError(fieldPath(path, 'dontKnow'));
  if (!indicator) return null;

  const dontKnowAllowed = KINDS_WITH_DONT_KNOW.includes(indicator.kind);

  return (
    <Stack gap="md">
      <LocalizedField path={fieldPath(path, 'title')} label={t('frameworks.editor.fields.title')} value={indicator.title} onChange={setTitle} />
      <KeyField path={fieldPath(path, 'key')} value={indicator.key} onChange={setKey} />
      <LocalizedField
        path={fieldPath(path, 'description')}
        label={t('frameworks.editor.fields.description')}
        description={t('frameworks.editor.fields.descriptionHint')}
        value={indicator.description}
        optional
        multiline
        onChange={(next) => edit((target) => setOptional(target, 'description', next))}
      />
      <Group grow align="flex-start" wrap="wrap" gap="sm">
        <NativeSelect
          id={fieldId(fieldPath(path, 'level'))}
          label={t('frameworks.editor.fields.level')}
          value={indicator.level}
          error={levelError}
          disabled={readOnly}
          data={INDICATOR_LEVELS.map((level) => ({ value: level, label: t(`frameworks.editor.levelsOfIndicator.${level}`) }))}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isOneOf<IndicatorLevel>(INDICATOR_LEVELS, value)) edit((target) => void (target.level = value));
          }}
          miw={200}
        />
        <NativeSelect
          id={fieldId(fieldPath(path, 'kind'))}
          label={t('frameworks.editor.fields.kind')}
          value={indicator.kind}
          error={kindError}
          disabled={readOnly}
          data={INDICATOR_KINDS.map((kind) => ({ value: kind, label: t(`frameworks.editor.kinds.${kind}`) }))}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isOneOf<IndicatorKind>(INDICATOR_KINDS, value)) replace((target) => changeKind(target, value));
          }}
          miw={200}
        />
      </Group>
      <LocalizedField
        path={fieldPath(path, 'unit')}
        label={t('frameworks.editor.fields.unit')}
        description={t('frameworks.editor.fields.unitHint')}
        value={indicator.unit}
        optional
        maxLength={100}
        onChange={(next) => edit((target) => setOptional(target, 'unit', next))}
      />

      <Stack gap="sm" component="section" aria-labelledby="answer-format-title">
        <Title order={3} id="answer-format-title">
          {t('frameworks.editor.fields.answerFormat')}
        </Title>
        {indicator.kind === 'scale' && <ScaleFields path={path} scale={indicator.scale} />}
        {indicator.kind === 'quantity' && <QuantityFields path={path} indicator={indicator} />}
        {(indicator.kind === 'single_choice' || indicator.kind === 'multiple_choice') && <ChoicesFields path={path} indicator={indicator} />}
        {indicator.kind === 'yes_no' && <Text size="sm">{t('frameworks.editor.kinds.yes_no')}</Text>}
        {indicator.kind === 'text' && (
          <NumberField
            path={fieldPath(path, 'text.maxLength')}
            label={t('frameworks.editor.fields.textMaxLength')}
            value={indicator.text?.maxLength}
            min={1}
            max={10000}
            allowDecimal={false}
            allowNegative={false}
            onChange={(next) =>
              edit((target) => {
                if (target.kind === 'text') setOptional(target, 'text', next === undefined ? undefined : { maxLength: next });
              })
            }
          />
        )}
      </Stack>

      <ScoringFields path={path} indicator={indicator} />

      {dontKnowAllowed ? (
        <NativeSelect
          id={fieldId(fieldPath(path, 'dontKnow'))}
          label={t('frameworks.editor.fields.dontKnow')}
          value={indicator.dontKnow}
          error={dontKnowError}
          disabled={readOnly}
          data={DONT_KNOW_MODES.map((mode) => ({
            value: mode,
            label: t(`frameworks.editor.dontKnowModes.${mode}`),
            disabled: mode === 'counted_as_zero' && indicator.scoring.rule === 'none',
          }))}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isOneOf<DontKnowMode>(DONT_KNOW_MODES, value)) edit((target) => void (target.dontKnow = value));
          }}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('frameworks.editor.fields.dontKnowNotAvailable')}
        </Text>
      )}
    </Stack>
  );
}

function resizeLabels(labels: LocalizedText[], min: number | undefined, max: number | undefined): LocalizedText[] {
  if (min === undefined || max === undefined || max <= min || max - min + 1 > MAX_SCALE_POINTS) return labels;
  const count = max - min + 1;
  return Array.from({ length: count }, (_, index) => labels[index] ?? { fr: '' });
}

function ScaleFields({ path, scale }: { path: ItemPath; scale: ScaleSpec }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const { edit } = useIndicator(path);
  const rangeError = useFieldError(fieldPath(path, 'scale'));
  const labelsError = useFieldError(fieldPath(path, 'scale.labels'));
  const mode = scale.labels ? 'each' : 'ends';

  const editScale = (fn: (target: ScaleSpec) => void) =>
    edit((target) => {
      if (target.kind === 'scale') fn(target.scale);
    });

  function setBound(bound: 'min' | 'max', value: number | undefined) {
    editScale((target) => {
      const record: { min?: number; max?: number } = target;
      if (value === undefined) delete record[bound];
      else record[bound] = value;
      if (target.labels) target.labels = resizeLabels(target.labels, record.min, record.max);
    });
  }

  function setMode(next: string) {
    editScale((target) => {
      if (next === 'each' && !target.labels) {
        const empty = resizeLabels([], target.min, target.max);
        const labels = empty.length > 0 ? empty : [{ fr: '' }, { fr: '' }];
        if (target.minLabel) labels[0] = target.minLabel;
        if (target.maxLabel && labels.length > 1) labels[labels.length - 1] = target.maxLabel;
        target.labels = labels;
        delete target.minLabel;
        delete target.maxLabel;
      } else if (next === 'ends' && target.labels) {
        const labels = target.labels;
        delete target.labels;
        const first = labels[0];
        const last = labels[labels.length - 1];
        if (first?.fr) target.minLabel = first;
        if (labels.length > 1 && last?.fr) target.maxLabel = last;
      }
    });
  }

  const scalePath = (field: string) => fieldPath(path, `scale.${field}`);
  return (
    <Stack gap="sm">
      <Group grow align="flex-start" gap="sm">
        <NumberField
          path={scalePath('min')}
          label={t('frameworks.editor.fields.scaleMin')}
          value={scale.min}
          min={-100}
          max={100}
          allowDecimal={false}
          required
          onChange={(next) => setBound('min', next)}
        />
        <NumberField
          path={scalePath('max')}
          label={t('frameworks.editor.fields.scaleMax')}
          value={scale.max}
          min={-100}
          max={100}
          allowDecimal={false}
          required
          onChange={(next) => setBound('max', next)}
        />
      </Group>
      {rangeError && (
        <Text size="sm" c="red.8" role="note">
          {rangeError}
        </Text>
      )}
      <Radio.Group label={t('frameworks.editor.fields.scaleLabelMode')} value={mode} onChange={setMode}>
        <Group gap="lg" mt={6}>
          <Radio value="ends" label={t('frameworks.editor.fields.scaleLabelsEnds')} disabled={readOnly} />
          <Radio value="each" label={t('frameworks.editor.fields.scaleLabelsEach')} disabled={readOnly} />
        </Group>
      </Radio.Group>
      {mode === 'ends' ? (
        <>
          <LocalizedField
            path={scalePath('minLabel')}
            label={t('frameworks.editor.fields.scaleMinLabel')}
            value={scale.minLabel}
            optional
            maxLength={200}
            onChange={(next) => editScale((target) => setOptional(target, 'minLabel', next))}
          />
          <LocalizedField
            path={scalePath('maxLabel')}
            label={t('frameworks.editor.fields.scaleMaxLabel')}
            value={scale.maxLabel}
            optional
            maxLength={200}
            onChange={(next) => editScale((target) => setOptional(target, 'maxLabel', next))}
          />
        </>
      ) : (
        <>
          {labelsError && (
            <Text size="sm" c="red.8" role="note">
              {labelsError}
            </Text>
          )}
          {(scale.labels ?? []).map((label, index) => (
            <LocalizedField
              key={index}
              path={scalePath(`labels[${index}]`)}
              label={t('frameworks.editor.fields.scalePointLabel', { point: (scale.min ?? 0) + index })}
              value={label}
              maxLength={200}
              onChange={(next) =>
                editScale((target) => {
                  if (target.labels) target.labels[index] = next ?? { fr: '' };
                })
              }
            />
          ))}
        </>
      )}
    </Stack>
  );
}

function QuantityFields({ path, indicator }: { path: ItemPath; indicator: Extract<Indicator, { kind: 'quantity' }> }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const { edit } = useIndicator(path);
  const rangeError = useFieldError(fieldPath(path, 'quantity'));
  const quantity = indicator.quantity;
  const editQuantity = (fn: (target: { min?: number; max?: number; integer: boolean }) => void) =>
    edit((target) => {
      if (target.kind === 'quantity') fn(target.quantity);
    });
  return (
    <Stack gap="sm">
      <Group grow align="flex-start" gap="sm">
        <NumberField
          path={fieldPath(path, 'quantity.min')}
          label={t('frameworks.editor.fields.quantityMin')}
          value={quantity.min}
          required
          allowDecimal={!quantity.integer}
          onChange={(next) =>
            editQuantity((target) => {
              if (next === undefined) delete target.min;
              else target.min = next;
            })
          }
        />
        <NumberField
          path={fieldPath(path, 'quantity.max')}
          label={t('frameworks.editor.fields.quantityMax')}
          value={quantity.max}
          allowDecimal={!quantity.integer}
          onChange={(next) =>
            editQuantity((target) => {
              if (next === undefined) delete target.max;
              else target.max = next;
            })
          }
        />
      </Group>
      {rangeError && (
        <Text size="sm" c="red.8" role="note">
          {rangeError}
        </Text>
      )}
      <Checkbox
        id={fieldId(fieldPath(path, 'quantity.integer'))}
        label={t('frameworks.editor.fields.quantityInteger')}
        checked={quantity.integer}
        disabled={readOnly}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          editQuantity((target) => void (target.integer = checked));
        }}
      />
    </Stack>
  );
}

type ChoiceIndicator = Extract<Indicator, { kind: 'single_choice' | 'multiple_choice' }>;

function ChoicesFields({ path, indicator }: { path: ItemPath; indicator: ChoiceIndicator }) {
  const { t } = useTranslation();
  const { readOnly, autoKeys } = useEditor();
  const { edit } = useIndicator(path);
  const listError = useFieldError(fieldPath(path, 'choices'));
  const choices = indicator.choices;

  const editChoices = (fn: (target: ChoiceIndicator) => void) =>
    edit((target) => {
      if (target.kind === 'single_choice' || target.kind === 'multiple_choice') {
        fn(target);
        syncWeights(target);
      }
    });

  function add() {
    const n = choices.length + 1;
    const label = t('frameworks.editor.fields.newChoice', { n });
    const value = choiceValueFromLabel(choices, label);
    autoKeys.add('choice', value);
    editChoices((target) => void target.choices.push({ value, label: { fr: label } }));
  }

  function setLabel(index: number, next: LocalizedText | undefined) {
    const choice = choices[index];
    if (!choice) return;
    const label = next ?? { fr: '' };
    let value = choice.value;
    if (autoKeys.has('choice', choice.value) && label.fr.trim()) {
      value = choiceValueFromLabel(choices, label.fr, choice.value);
      autoKeys.remove('choice', choice.value);
      autoKeys.add('choice', value);
    }
    edit((target) => {
      if (target.kind !== 'single_choice' && target.kind !== 'multiple_choice') return;
      const current = target.choices[index];
      if (!current) return;
      current.label = label;
      if (value !== current.value) renameChoice(target, index, value);
    });
  }

  function setValue(index: number, value: string) {
    const choice = choices[index];
    if (choice) autoKeys.remove('choice', choice.value);
    edit((target) => renameChoice(target, index, value));
  }

  function move(index: number, delta: -1 | 1) {
    const target = index + delta;
    if (target < 0 || target >= choices.length) return;
    editChoices((indicatorCopy) => {
      const [moved] = indicatorCopy.choices.splice(index, 1);
      indicatorCopy.choices.splice(target, 0, moved);
    });
  }

  return (
    <Stack gap="xs" component="fieldset" className="plain-fieldset">
      <legend className="fieldset-legend">{t('frameworks.editor.fields.choices')}</legend>
      {listError && (
        <Text size="sm" c="red.8" role="note">
          {listError}
        </Text>
      )}
      {choices.map((choice, index) => {
        const n = index + 1;
        const base = fieldPath(path, `choices[${index}]`);
        return (
          <div key={index} className="choice-row">
            <Stack gap="xs">
              <LocalizedField
                path={`${base}.label`}
                label={t('frameworks.editor.fields.choiceLabel', { n })}
                value={choice.label}
                maxLength={500}
                onChange={(next) => setLabel(index, next)}
              />
              <Group align="flex-end" gap="xs" wrap="nowrap">
                <ChoiceValueField path={`${base}.value`} label={t('frameworks.editor.fields.choiceValue', { n })} value={choice.value} onChange={(next) => setValue(index, next)} />
                {!readOnly && (
                  <Group gap={4} wrap="nowrap" mb={2}>
                    <ActionIcon variant="default" size="lg" aria-label={t('frameworks.editor.fields.moveChoiceUp', { n })} disabled={index === 0} onClick={() => move(index, -1)}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t('frameworks.editor.fields.moveChoiceDown', { n })}
                      disabled={index === choices.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={t('frameworks.editor.fields.removeChoice', { n })}
                      onClick={() => editChoices((target) => void target.choices.splice(index, 1))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            </Stack>
          </div>
        );
      })}
      {!readOnly && (
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={add}>
            {t('frameworks.editor.fields.addChoice')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ChoiceValueField({ path, label, value, onChange }: { path: string; label: string; value: string; onChange: (next: string) => void }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const error = useFieldError(path);
  return (
    <TextInput
      id={fieldId(path)}
      label={label}
      description={t('frameworks.editor.fields.choiceValueHint')}
      value={value}
      error={error}
      readOnly={readOnly}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      maxLength={64}
      classNames={{ input: 'key-input' }}
      className="grow-field"
      onChange={(event) => onChange(event.currentTarget.value.toLowerCase().replace(/\s+/g, '_'))}
    />
  );
}

function ScoringFields({ path, indicator }: { path: ItemPath; indicator: Indicator }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const { edit } = useIndicator(path);
  const scoringError = useFieldError(fieldPath(path, 'scoring'), fieldPath(path, 'scoring.rule'));
  const weightsError = useFieldError(fieldPath(path, 'scoring.weights'));
  const scoring = indicator.scoring;
  const scoringPath = (field: string) => fieldPath(path, `scoring.${field}`);

  const setScoringNumber = (field: 'baseline' | 'target' | 'yes' | 'no', value: number | undefined) =>
    edit((target) => {
      // A cleared number is removed, so the validator reports it missing at its own path.
      if (value === undefined) Reflect.deleteProperty(target.scoring, field);
      else Reflect.set(target.scoring, field, value);
    });

  const setWeight = (choice: string, value: number | undefined) =>
    edit((target) => {
      if (target.scoring.rule !== 'weights' && target.scoring.rule !== 'weighted_share') return;
      const weights: Record<string, number | undefined> = target.scoring.weights;
      if (value === undefined) delete weights[choice];
      else weights[choice] = value;
    });

  return (
    <Stack gap="sm" component="section" aria-labelledby="scoring-title">
      <Title order={3} id="scoring-title">
        {t('frameworks.editor.fields.scoring')}
      </Title>
      {indicator.kind === 'text' ? (
        <Text size="sm" c="dimmed">
          {t('frameworks.editor.fields.notScoredText')}
        </Text>
      ) : (
        <>
          <Switch
            id={fieldId(fieldPath(path, 'scoring.rule'))}
            label={t('frameworks.editor.fields.scored')}
            description={t('frameworks.editor.fields.scoredHint')}
            checked={scoring.rule !== 'none'}
            disabled={readOnly}
            onChange={(event) => {
              const scored = event.currentTarget.checked;
              edit((target) => {
                const choices = target.kind === 'single_choice' || target.kind === 'multiple_choice' ? target.choices : [];
                const rule = scored ? defaultScoring(target.kind, choices) : { rule: 'none' as const };
                // A rule allowed for the kind, from defaultScoring: the union cannot say it.
                Object.assign(target, { scoring: rule });
                if (!scored && target.dontKnow === 'counted_as_zero') target.dontKnow = 'excluded';
              });
            }}
          />
          {scoringError && (
            <Text size="sm" c="red.8" role="note">
              {scoringError}
            </Text>
          )}
        </>
      )}
      {scoring.rule === 'linear' && (
        <Checkbox
          id={fieldId(scoringPath('reverse'))}
          label={t('frameworks.editor.fields.reverse')}
          checked={scoring.reverse}
          disabled={readOnly}
          onChange={(event) => {
            const reverse = event.currentTarget.checked;
            edit((target) => {
              if (target.scoring.rule === 'linear') target.scoring.reverse = reverse;
            });
          }}
        />
      )}
      {scoring.rule === 'target' && (
        <Group grow align="flex-start" gap="sm">
          <NumberField path={scoringPath('baseline')} label={t('frameworks.editor.fields.baseline')} value={scoring.baseline} required onChange={(next) => setScoringNumber('baseline', next)} />
          <NumberField
            path={scoringPath('target')}
            label={t('frameworks.editor.fields.target')}
            description={t('frameworks.editor.fields.targetHint')}
            value={scoring.target}
            required
            onChange={(next) => setScoringNumber('target', next)}
          />
        </Group>
      )}
      {scoring.rule === 'yes_no' && (
        <Group grow align="flex-start" gap="sm">
          <NumberField path={scoringPath('yes')} label={t('frameworks.editor.fields.yesScore')} value={scoring.yes} min={0} max={100} required onChange={(next) => setScoringNumber('yes', next)} />
          <NumberField path={scoringPath('no')} label={t('frameworks.editor.fields.noScore')} value={scoring.no} min={0} max={100} required onChange={(next) => setScoringNumber('no', next)} />
        </Group>
      )}
      {(scoring.rule === 'weights' || scoring.rule === 'weighted_share') &&
        (indicator.kind === 'single_choice' || indicator.kind === 'multiple_choice') && (
          <Stack gap="xs">
            {scoring.rule === 'weighted_share' && (
              <Text size="sm" c="dimmed">
                {t('frameworks.editor.fields.weightsHint')}
              </Text>
            )}
            {weightsError && (
              <Text size="sm" c="red.8" role="note">
                {weightsError}
              </Text>
            )}
            <div className="weights-grid">
              {indicator.choices.map((choice, index) => {
                const label = choice.label.fr || choice.value;
                return (
                  <NumberField
                    key={index}
                    path={fieldPath(path, formatPath(['scoring', 'weights', choice.value]))}
                    label={t(scoring.rule === 'weights' ? 'frameworks.editor.fields.weight' : 'frameworks.editor.fields.shareWeight', { choice: label })}
                    value={scoring.weights[choice.value]}
                    min={0}
                    max={scoring.rule === 'weights' ? 100 : undefined}
                    required
                    onChange={(next) => setWeight(choice.value, next)}
                  />
                );
              })}
            </div>
          </Stack>
        )}
    </Stack>
  );
}
