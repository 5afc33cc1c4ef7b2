import { Checkbox, Group, NumberInput, Radio, Stack, Textarea } from '@mantine/core';
import type { QuestionnaireQuestion, SurveyQuestion } from '#domain/questionnaire';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/types';

/** SurveyJS's value for "je ne sais pas" (DONT_KNOW_VALUE of the domain, which the shell does not import). */
export const DONT_KNOW = 'dont_know';

interface Option {
  value: string | number;
  label: string;
}

export interface ConsensusAnswerFieldProps {
  question: QuestionnaireQuestion;
  /** The question as the questionnaire shows it: its choices' labels in both languages. */
  element: SurveyQuestion | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
  locale: Locale;
  error?: string;
}

/**
 * The control for the group's answer, suited to the question: radios for a scale, yes/no and
 * single choice, checkboxes for multiple choice ("je ne sais pas" alone), a number, or a text.
 * It produces the value a respondent's SurveyJS data would hold, which the API checks the same way.
 */
export function ConsensusAnswerField({ question, element, value, onChange, locale, error }: ConsensusAnswerFieldProps) {
  const { t } = useTranslation();
  const label = t('sessions.consensus.answer');
  const spec = question.answer;

  switch (spec.kind) {
    case 'scale':
    case 'yes_no':
    case 'single_choice': {
      const options = radioOptions(question, element, locale, t('sessions.consensus.dontKnow'));
      const inline = element?.type === 'rating' || (spec.kind === 'scale' && options.every((option) => option.label.length <= 3));
      const ends =
        element?.type === 'rating' && element.minRateDescription && element.maxRateDescription
          ? t('sessions.consensus.scaleEnds', {
              min: element.rateMin,
              minLabel: element.minRateDescription[locale],
              max: element.rateMax,
              maxLabel: element.maxRateDescription[locale],
            })
          : undefined;
      const Layout = inline ? Group : Stack;
      return (
        <Radio.Group
          label={label}
          description={ends}
          error={error}
          value={value === undefined || value === null ? null : String(value)}
          onChange={(next) => onChange(options.find((option) => String(option.value) === next)?.value)}
        >
          <Layout gap="sm" mt="xs">
            {options.map((option) => (
              <Radio key={String(option.value)} value={String(option.value)} label={option.label} />
            ))}
          </Layout>
        </Radio.Group>
      );
    }
    case 'multiple_choice': {
      const options = checkboxOptions(question, element, locale, t('sessions.consensus.dontKnow'));
      const selected = Array.isArray(value) ? value.map(String) : [];
      return (
        <Checkbox.Group
          label={label}
          error={error}
          value={selected}
          onChange={(next) => {
            const added = next.find((item) => !selected.includes(item));
            // "Je ne sais pas" stands alone, as in the questionnaire.
            const kept = added === DONT_KNOW ? [DONT_KNOW] : next.filter((item) => item !== DONT_KNOW);
            onChange(options.filter((option) => kept.includes(String(option.value))).map((option) => option.value));
          }}
        >
          <Stack gap="xs" mt="xs">
            {options.map((option) => (
              <Checkbox key={String(option.value)} value={String(option.value)} label={option.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    }
    case 'quantity': {
      const dontKnow = value === DONT_KNOW;
      return (
        <Stack gap="xs">
          <NumberInput
            label={label}
            error={error}
            min={spec.min}
            max={spec.max ?? undefined}
            allowDecimal={!spec.integer}
            disabled={dontKnow}
            value={typeof value === 'number' ? value : ''}
            onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
            maw={240}
          />
          {question.dontKnow && (
            <Checkbox
              label={t('sessions.consensus.dontKnow')}
              checked={dontKnow}
              onChange={(event) => onChange(event.currentTarget.checked ? DONT_KNOW : undefined)}
            />
          )}
        </Stack>
      );
    }
    case 'text':
      return (
        <Textarea
          label={label}
          error={error}
          autosize
          minRows={2}
          maxLength={spec.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value)}
        />
      );
  }
}

/** The questionnaire's own choices (with their labels, "je ne sais pas" included where offered), or the scale's points. */
function radioOptions(question: QuestionnaireQuestion, element: SurveyQuestion | undefined, locale: Locale, dontKnowLabel: string): Option[] {
  if (element?.type === 'radiogroup') return element.choices.map((choice) => ({ value: choice.value, label: choice.text[locale] }));
  const spec = question.answer;
  const options: Option[] = [];
  if (spec.kind === 'scale') {
    for (let point = spec.min; point <= spec.max; point += 1) options.push({ value: point, label: String(point) });
  } else if (spec.kind === 'yes_no' || spec.kind === 'single_choice') {
    options.push(...spec.choices.map((choice) => ({ value: choice, label: choice })));
  }
  if (question.dontKnow) options.push({ value: DONT_KNOW, label: dontKnowLabel });
  return options;
}

function checkboxOptions(question: QuestionnaireQuestion, element: SurveyQuestion | undefined, locale: Locale, dontKnowLabel: string): Option[] {
  if (element?.type === 'checkbox') return element.choices.map((choice) => ({ value: choice.value, label: choice.text[locale] }));
  const spec = question.answer;
  const options: Option[] = spec.kind === 'multiple_choice' ? spec.choices.map((choice) => ({ value: choice, label: choice })) : [];
  if (question.dontKnow) options.push({ value: DONT_KNOW, label: dontKnowLabel });
  return options;
}
