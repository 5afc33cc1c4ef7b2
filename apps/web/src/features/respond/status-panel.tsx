import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
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
