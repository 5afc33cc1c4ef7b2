import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's PasswordInput with a translated show/hide toggle. The toggle's name avoids the word
 * "password" so that the field's label stays unique on the page; `aria-pressed` tells its state.
 * Mantine marks the inner input invalid only with a data attribute: `aria-invalid` is added here.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      aria-invalid={props.error ? true : undefined}
      {...props}
      visibilityToggleButtonProps={{ 'aria-label': t('common.showInput') }}
    />
  );
}
