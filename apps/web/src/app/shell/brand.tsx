import { Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The product name, linking home. Not a heading: each page has its own h1. */
export function Brand() {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to="/" aria-label={t('shell.home')} className="brand">
      <Group gap={8} wrap="nowrap">
        <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <circle cx="12" cy="16" r="9" fill="none" stroke="var(--mantine-color-regards-8)" strokeWidth="2.5" />
          <circle cx="20" cy="16" r="9" fill="none" stroke="var(--mantine-color-regards-5)" strokeWidth="2.5" />
        </svg>
        <Text component="span" fw={650} fz={19} c="dark.8" style={{ letterSpacing: '-0.01em' }}>
          {t('common.appName')}
        </Text>
      </Group>
    </UnstyledButton>
  );
}
