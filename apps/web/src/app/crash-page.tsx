import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './not-found-page';

/** The router's last line: a render error, or a lazy chunk that failed to load after a deploy. */
export function CrashPage() {
  const { t } = useTranslation();
  const error = useRouteError();

  useEffect(() => {
    console.error(error);
  }, [error]);

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  return (
    <Container size="sm" py={64} component="main">
      <Stack gap="md">
        <Title order={1}>{t('crash.title')}</Title>
        <Text>{t('crash.text')}</Text>
        <Button w="fit-content" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </Button>
      </Stack>
    </Container>
  );
}
