import { ActionIcon, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { ANONYMITY_MODES, type AnonymityMode } from '#domain/evaluation-status';
import type { FrameworkContent } from '#domain/framework';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useTranslation } from 'react-i18next';
import { IconArrowDown, IconArrowUp } from '../../components/icons';
import { inUiLocale } from '../frameworks/framework-labels';
import { anonymityHint, anonymityLabel } from './evaluation-labels';

export interface AnonymitySelectProps {
  label: string;
  value: AnonymityMode;
  onChange: (mode: AnonymityMode) => void;
  disabled?: boolean;
  /** Shown instead of the mode's explanation (why it cannot change). */
  description?: string;
  error?: string;
}

/** The three modes, strongest protection first, with the chosen one explained in a line. */
export function AnonymitySelect({ label, value, onChange, disabled, description, error }: AnonymitySelectProps) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label}
      value={value}
      disabled={disabled}
      error={error}
      description={description ?? anonymityHint(value, t)}
      data={ANONYMITY_MODES.map((mode) => ({ value: mode, label: anonymityLabel(mode, t) }))}
      onChange={(event) => onChange(event.currentTarget.value as AnonymityMode)}
    />
  );
}

export interface DimensionChoice {
  key: string;
  title: string;
  chosen: boolean;
}

/** The version's dimensions as choices, the chosen ones first in their ranked order. */
export function dimensionChoices(content: FrameworkContent | undefined, chosenKeys: readonly string[] | undefined): DimensionChoice[] {
  if (!content) return (chosenKeys ?? []).map((key) => ({ key, title: key, chosen: true }));
  const byKey = new Map(content.dimensions.map((dimension) => [dimension.key, inUiLocale(dimension.title) || dimension.key]));
  if (!chosenKeys) return content.dimensions.map((dimension) => ({ key: dimension.key, title: byKey.get(dimension.key)!, chosen: true }));
  const chosen = chosenKeys.map((key) => ({ key, title: byKey.get(key) ?? key, chosen: true }));
  const rest = content.dimensions.filter((d) => !chosenKeys.includes(d.key)).map((d) => ({ key: d.key, title: byKey.get(d.key)!, chosen: false }));
  return [...chosen, ...rest];
}

/** The stakeholder groups the chosen dimensions ask at least one question of. */
export function groupsAsked(content: FrameworkContent | undefined, dimensionKeys: readonly string[]): Set<StakeholderGroupKey> | undefined {
  if (!content) return undefined;
  const asked = new Set<StakeholderGroupKey>();
  for (const dimension of content.dimensions) {
    if (!dimensionKeys.includes(dimension.key)) continue;
    for (const criterion of dimension.criteria) {
      for (const indicator of criterion.indicators) for (const question of indicator.questions) for (const audience of question.audiences) asked.add(audience);
    }
  }
  return asked;
}

export interface DimensionPickerProps {
  choices: DimensionChoice[];
  onChange: (choices: DimensionChoice[]) => void;
  disabled?: boolean;
  description?: string;
  error?: string;
}

/** Tick the dimensions to evaluate and rank them (the order is the organization's priorities). */
export function DimensionPicker({ choices, onChange, disabled, description, error }: DimensionPickerProps) {
  const { t } = useTranslation();
  const move = (index: number, by: -1 | 1) => {
    const next = [...choices];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  return (
    <Stack gap={6} component="fieldset" className="evaluation-fieldset">
      <legend className="evaluation-legend">{t('evaluations.fields.dimensions')}</legend>
      <Text size="sm" c="dimmed">
        {description ?? t('evaluations.fields.dimensionsHint')}
      </Text>
      <ol className="dimension-list">
        {choices.map((choice, index) => (
          <li key={choice.key}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Checkbox
                label={choice.title}
                checked={choice.chosen}
                disabled={disabled}
                onChange={(event) => {
                  const chosen = event.currentTarget.checked;
                  onChange(choices.map((c) => (c.key === choice.key ? { ...c, chosen } : c)));
                }}
              />
              {!disabled && (
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('evaluations.fields.moveUp', { name: choice.title })}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <IconArrowUp size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('evaluations.fields.moveDown', { name: choice.title })}
                    disabled={index === choices.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Group>
              )}
            </Group>
          </li>
        ))}
      </ol>
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
