import { Box, Container, Divider, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';
import { MAIN_ID, SkipLink } from './skip-link';

/** Pages reached without a session: login, invitations, not found. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Box className="public-layout">
      <SkipLink />
      <Box component="header" className="public-header">
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <Brand />
              <Divider orientation="vertical" visibleFrom="sm" h={20} style={{ alignSelf: 'center' }} />
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('common.tagline')}
              </Text>
            </Group>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Box component="main" id={MAIN_ID} tabIndex={-1} className="public-main" px="md">
        <Outlet />
      </Box>
    </Box>
  );
}
