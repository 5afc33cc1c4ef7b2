import { Button, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR_CODE } from '../../api/client';
import { describeError } from '../../components/errors';
import { PageTitle } from '../../components/page-title';

/**
 * One screen that tells the respondent where things stand (thanks, link no longer valid,
 * collection closed…): the page's h1 says it in a few words, the text says what to do next.
 * `context` names the evaluation when the link told us which one.
 */
export function StatusPanel({
  title,
  context,
  tone = 'neutral',
  children,
}: {
  title: string;
  context?: string;
  tone?: 'neutral' | 'success' | 'warning';
  children?: ReactNode;
}) {
  return (
    <Paper p={{ base: 'lg', xs: 'xl' }} className={`respond-status respond-status-${tone}`}>
      <Stack gap="md">
        {context && (
          <Text size="sm" c="dimmed" fw={500}>
            {context}
          </Text>
        )}
        <PageTitle>{title}</PageTitle>
        {children}
      </Stack>
    </Paper>
  );
}

/** A respondent page that could not load: what went wrong, in words, and a way to try again. */
export function LoadFailedPanel({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusPanel title={t('respond.errors.loadTitle')} tone="warning">
      <Text>{error instanceof ApiError && error.code === NETWORK_ERROR_CODE ? t('errors.network') : describeError(error, t)}</Text>
      <Button onClick={onRetry} w="fit-content">
        {t('respond.errors.retry')}
      </Button>
    </StatusPanel>
  );
}
