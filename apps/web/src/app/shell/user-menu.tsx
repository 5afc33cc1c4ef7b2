import { Avatar, Menu, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../../components/errors';
import { IconLogout, IconUser } from '../../components/icons';
import { notifyError } from '../../components/notify';
import { useCurrentSession, useLogout } from '../../features/auth/use-session';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : name.slice(0, 2)).toUpperCase();
}

export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  const logout = useLogout();
  const name = user.displayName || user.email;

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton className="user-menu-trigger">
          {/* The initials are decoration; the button's name is the hidden text, so no label contradicts what is seen. */}
          <Avatar color="regards" radius="xl" size={34} aria-hidden>
            {initials(name)}
          </Avatar>
          <VisuallyHidden>{t('shell.userMenu', { name })}</VisuallyHidden>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <span className="menu-identity">{name}</span>
          {user.displayName && <span className="menu-identity-email">{user.email}</span>}
        </Menu.Label>
        <Menu.Item component={Link} to="/account" leftSection={<IconUser size={16} />}>
          {t('shell.account')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() =>
            logout.mutate(undefined, { onError: (error) => notifyError(`${t('shell.logoutFailed')} ${describeError(error, t)}`) })
          }
        >
          {t('shell.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
