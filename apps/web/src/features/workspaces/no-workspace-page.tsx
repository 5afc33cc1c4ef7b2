import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { homePath, useCurrentSession } from '../auth/use-session';

export function NoWorkspacePage() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  if (session.workspaces.length > 0) return <Navigate to={homePath(session)} replace />;
  return (
    <Stack maw={640} gap="md">
      <PageTitle>{t('noWorkspace.title')}</PageTitle>
      <Paper p="lg">
        <Text>{t('noWorkspace.text')}</Text>
      </Paper>
    </Stack>
  );
}
