import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, currentLocale, setLocale } from '../../app/i18n/i18n';
import { MAIN_ID, SkipLink } from '../../app/shell/skip-link';
import './respond.css';

/**
 * The respondents' own page frame: no account, no navigation, nothing of the facilitator shell.
 * The language choice is visible at all times (not in a menu) and remembered on the device.
 */
export function RespondLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="respond-layout">
      <SkipLink />
      <header className="respond-header">
        <Group className="respond-bar" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap={8} wrap="nowrap">
            <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <circle cx="12" cy="16" r="9" fill="none" stroke="var(--mantine-color-regards-8)" strokeWidth="2.5" />
              <circle cx="20" cy="16" r="9" fill="none" stroke="var(--mantine-color-regards-5)" strokeWidth="2.5" />
            </svg>
            <Text component="span" fw={650} fz={18} c="dark.8">
              {t('common.appName')}
            </Text>
          </Group>
          <LanguageChoice />
        </Group>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="respond-main">
        {children}
      </main>
    </div>
  );
}

function LanguageChoice() {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Group role="group" aria-label={t('respond.languageGroup')} gap={4} wrap="nowrap">
      {LOCALES.map((option) => (
        <Button
          key={option}
          size="compact-md"
          variant={option === locale ? 'filled' : 'subtle'}
          color={option === locale ? undefined : 'dark'}
          lang={option}
          aria-pressed={option === locale}
          onClick={() => void setLocale(option)}
        >
          {t(`language.${option}`)}
        </Button>
      ))}
    </Group>
  );
}
