import { NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea, type NumberInputProps } from '@mantine/core';
import type { LocalizedText } from '#domain/locale';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../app/i18n/i18n';
import { problemText } from '../problem-text';
import { editLocalized } from './content-ops';
import { fieldId, useEditor } from './editor-context';

/** The problems at exactly these paths, as one sentence in the interface language. */
export function useFieldError(...paths: string[]): string | undefined {
  const { t } = useTranslation();
  const { errorsByPath } = useEditor();
  const messages: string[] = [];
  for (const path of paths) {
    for (const error of errorsByPath.get(path) ?? []) {
      const text = problemText(error, t).main;
      if (!messages.includes(text)) messages.push(text);
    }
  }
  return messages.length > 0 ? messages.join(' ') : undefined;
}

export interface LocalizedFieldProps {
  path: string;
  label: string;
  value: LocalizedText | undefined;
  onChange: (next: LocalizedText | undefined) => void;
  /** An optional text is removed when both languages are emptied. */
  optional?: boolean;
  multiline?: boolean;
  description?: string;
  maxLength?: number;
}

/** A text in French (the reference) and English (falls back to French when empty). */
export function LocalizedField({ path, label, value, onChange, optional = false, multiline = false, description, maxLength = 5000 }: LocalizedFieldProps) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const frError = useFieldError(path, `${path}.fr`);
  const enError = useFieldError(`${path}.en`);
  const Input = multiline ? Textarea : TextInput;
  const multilineProps = multiline ? { autosize: true, minRows: 2, maxRows: 8 } : {};
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        <Input
          id={fieldId(`${path}.fr`)}
          label={t('frameworks.editor.fields.french', { label })}
          lang="fr"
          value={value?.fr ?? ''}
          onChange={(event) => onChange(editLocalized(value, 'fr', event.currentTarget.value, optional))}
          error={frError}
          required={!optional}
          readOnly={readOnly}
          maxLength={maxLength}
          {...multilineProps}
        />
        <Input
          id={fieldId(`${path}.en`)}
          label={t('frameworks.editor.fields.english', { label })}
          lang="en"
          value={value?.en ?? ''}
          onChange={(event) => onChange(editLocalized(value, 'en', event.currentTarget.value, optional))}
          error={enError}
          readOnly={readOnly}
          maxLength={maxLength}
          {...multilineProps}
        />
      </SimpleGrid>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
    </Stack>
  );
}

/** A stable key (`local_jobs`): monospace, no spell-checking. */
export function KeyField({ path, value, onChange, label }: { path: string; value: string; onChange: (next: string) => void; label?: string }) {
  const { t } = useTranslation();
  const { readOnly } = useEditor();
  const error = useFieldError(path);
  return (
    <TextInput
      id={fieldId(path)}
      label={label ?? t('frameworks.editor.fields.key')}
      description={t('frameworks.editor.fields.keyHint')}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value.toLowerCase().replace(/\s+/g, '_'))}
      error={error}
      required
      readOnly={readOnly}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      maxLength={64}
      classNames={{ input: 'key-input' }}
    />
  );
}

/** A number of the content; clearing the field removes the value (the validator then says it is missing). */
export function NumberField({
  path,
  label,
  value,
  onChange,
  description,
  ...props
}: {
  path: string;
  label: string;
  value: number | undefined;
  onChange: (next: number | undefined) => void;
  description?: ReactNode;
} & Pick<NumberInputProps, 'min' | 'max' | 'allowDecimal' | 'allowNegative' | 'required'>) {
  const { readOnly } = useEditor();
  const error = useFieldError(path);
  return (
    <NumberInput
      id={fieldId(path)}
      label={label}
      description={description}
      value={value ?? ''}
      onChange={(next) => onChange(typeof next === 'number' && Number.isFinite(next) ? next : undefined)}
      error={error}
      readOnly={readOnly}
      decimalSeparator={currentLocale() === 'fr' ? ',' : '.'}
      allowedDecimalSeparators={['.', ',']}
      {...props}
    />
  );
}
