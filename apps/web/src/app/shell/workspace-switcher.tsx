import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useCurrentSession } from '../../features/auth/use-session';

/** Lists the user's networks; the current one is the `/w/:workspaceId` of the URL. */
export function WorkspaceSwitcher({ onSwitch }: { onSwitch?: () => void }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { workspaceId } = useParams();

  if (session.workspaces.length === 0) return null;

  return (
    <Select
      label={t('shell.workspace')}
      data={session.workspaces.map((workspace) => ({ value: workspace.id, label: workspace.name }))}
      value={workspaceId ?? null}
      placeholder={t('shell.workspace')}
      allowDeselect={false}
      searchable={session.workspaces.length > 7}
      comboboxProps={{ withinPortal: true }}
      classNames={{ root: 'workspace-switcher', label: 'workspace-switcher-label' }}
      onChange={(next) => {
        if (!next || next === workspaceId) return;
        const target = session.workspaces.find((w) => w.id === next);
        // Stay on the members page when the new network has one; otherwise go to its organizations.
        const section = location.pathname.endsWith('/members') && target?.role ? 'members' : 'organizations';
        onSwitch?.();
        void navigate(`/w/${next}/${section}`);
      }}
    />
  );
}
