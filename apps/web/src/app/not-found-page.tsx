import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/page-title';

/** The body of a 404, inside whichever layout the URL fell in. */
export function NotFoundContent() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw={560} py="md">
      <Text c="dimmed" fw={600} fz="sm">
        404
      </Text>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <Text>{t('notFound.text')}</Text>
      <Anchor component={Link} to="/" w="fit-content">
        {t('common.backHome')}
      </Anchor>
    </Stack>
  );
}

export function NotFoundPage() {
  return (
    <Stack maw={560} mx="auto" w="100%">
      <NotFoundContent />
    </Stack>
  );
}
