import { AppShell, Box, Burger, Divider, Group, NavLink, ScrollArea, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useParams } from 'react-router';
import { IconAuditLog, IconBuilding, IconFramework, IconUser, IconUsers } from '../../components/icons';
import { useIsWide } from '../../components/use-is-wide';
import { homePath, useCurrentSession } from '../../features/auth/use-session';
import { permissions } from '../../features/workspaces/permissions';
import { Brand } from './brand';
import { LanguageSwitch } from './language-switch';
import { MAIN_ID, SkipLink } from './skip-link';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

const NAVBAR_ID = 'main-navigation';

function NavItem({ to, label, icon, active }: { to: string; label: string; icon: ReactNode; active: boolean }) {
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
      className="nav-item"
    />
  );
}

/** The signed-in frame: header, navigation (a drawer under 48em), and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const location = useLocation();
  const { workspaceId } = useParams();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isDesktop = useIsWide();

  // The account page has no network in its URL: keep showing the last one's navigation.
  const fallback = homePath(session).match(/^\/w\/([^/]+)/)?.[1];
  const workspace = session.workspaces.find((w) => w.id === (workspaceId ?? fallback));
  const path = location.pathname;

  useEffect(() => close(), [path, close]);

  useEffect(() => {
    if (!opened || isDesktop) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        close();
        document.getElementById('navigation-toggle')?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [opened, isDesktop, close]);

  const navHidden = !isDesktop && !opened;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
      className="app-shell"
    >
      <SkipLink />
      <AppShell.Header className="app-header">
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            {!isDesktop && (
              <Burger
                id="navigation-toggle"
                opened={opened}
                onClick={toggle}
                size="sm"
                aria-label={opened ? t('shell.closeNavigation') : t('shell.openNavigation')}
                aria-expanded={opened}
                aria-controls={NAVBAR_ID}
              />
            )}
            <Brand />
          </Group>
          <Group gap="xs" wrap="nowrap">
            {isDesktop && <WorkspaceSwitcher />}
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id={NAVBAR_ID}
        component="nav"
        aria-label={t('shell.mainNavigation')}
        p="md"
        inert={navHidden}
        className="app-navbar"
      >
        <ScrollArea type="never">
          <Stack gap={4}>
            {!isDesktop && (
              <Box mb="sm">
                <WorkspaceSwitcher onSwitch={close} />
              </Box>
            )}
            {workspace && (
              <NavItem
                to={`/w/${workspace.id}/organizations`}
                label={t('nav.organizations')}
                icon={<IconBuilding />}
                active={path.startsWith(`/w/${workspace.id}/organizations`)}
              />
            )}
            {workspace && permissions.seeFrameworks(workspace.role) && (
              <NavItem
                to={`/w/${workspace.id}/frameworks`}
                label={t('nav.frameworks')}
                icon={<IconFramework />}
                active={path.startsWith(`/w/${workspace.id}/frameworks`)}
              />
            )}
            {workspace && permissions.seeWorkspaceMembers(workspace.role) && (
              <NavItem
                to={`/w/${workspace.id}/members`}
                label={t('nav.members')}
                icon={<IconUsers />}
                active={path === `/w/${workspace.id}/members`}
              />
            )}
            {workspace?.role === 'admin' && (
              <NavItem
                to={`/w/${workspace.id}/audit`}
                label={t('audit.nav')}
                icon={<IconAuditLog />}
                active={path === `/w/${workspace.id}/audit`}
              />
            )}
            {workspace && <Divider my="sm" />}
            <NavItem to="/account" label={t('nav.account')} icon={<IconUser />} active={path === '/account'} />
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_ID} tabIndex={-1} className="app-main">
        <Box maw={1080} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
