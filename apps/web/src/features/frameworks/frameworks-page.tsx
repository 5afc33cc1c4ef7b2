import { Anchor, Button, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { currentLocale } from '../../app/i18n/i18n';
import { formatDate } from '../../components/format';
import { IconFramework, IconPlus, IconUpload } from '../../components/icons';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { permissions } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { CommonsList } from './commons-list';
import { CreateFrameworkModal } from './create-framework-modal';
import { FrameworkStatusBadges } from './framework-labels';
import { ImportFrameworkModal } from './import-framework-modal';
import { useFrameworks } from './use-frameworks';
import './frameworks.css';

type Tab = 'mine' | 'commons';

export function FrameworksPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const canEdit = permissions.editFrameworks(workspace.role);
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'commons' ? 'commons' : 'mine';
  const [creating, createModal] = useDisclosure(false);
  const [importing, importModal] = useDisclosure(false);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <PageTitle>{t('frameworks.title')}</PageTitle>
          <Text c="dimmed" mt={4} maw={720}>
            {t('frameworks.intro')}
          </Text>
        </div>
        {canEdit && (
          <Group gap="sm">
            <Button variant="default" leftSection={<IconUpload />} onClick={importModal.open}>
              {t('frameworks.import.open')}
            </Button>
            <Button leftSection={<IconPlus />} onClick={createModal.open}>
              {t('frameworks.create')}
            </Button>
          </Group>
        )}
      </Group>

      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'commons' ? { tab: 'commons' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="mine">{t('frameworks.tabs.mine')}</Tabs.Tab>
          <Tabs.Tab value="commons">{t('frameworks.tabs.commons')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine" pt="md">
          <WorkspaceFrameworks canCreate={canEdit} onCreate={createModal.open} />
        </Tabs.Panel>
        <Tabs.Panel value="commons" pt="md">
          <CommonsList />
        </Tabs.Panel>
      </Tabs>

      {canEdit && (
        <>
          <CreateFrameworkModal workspaceId={workspace.id} opened={creating} onClose={createModal.close} />
          <ImportFrameworkModal workspaceId={workspace.id} opened={importing} onClose={importModal.close} />
        </>
      )}
    </Stack>
  );
}

function WorkspaceFrameworks({ canCreate, onCreate }: { canCreate: boolean; onCreate: () => void }) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const frameworks = useFrameworks(workspace.id);
  const locale = currentLocale();

  if (frameworks.isPending) return <PageLoader />;
  if (frameworks.isError) return <QueryError error={frameworks.error} onRetry={() => void frameworks.refetch()} />;
  if (frameworks.data.length === 0) {
    return (
      <Paper p={{ base: 'lg', sm: 'xl' }} className="empty-state">
        <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
          <div className="empty-state-icon">
            <IconFramework size={28} />
          </div>
          <Title order={2}>{t('frameworks.emptyTitle')}</Title>
          <Text c="dark.6">{t('frameworks.emptyText')}</Text>
          {canCreate && (
            <Button leftSection={<IconPlus />} onClick={onCreate} mt="xs" variant="light">
              {t('frameworks.create')}
            </Button>
          )}
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper p={0} style={{ overflow: 'hidden' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('frameworks.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('frameworks.columns.name')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('frameworks.columns.status')}
            </Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('frameworks.columns.updated')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {frameworks.data.map((framework) => (
            <Table.Tr key={framework.id}>
              <Table.Td>
                <Anchor component={Link} to={framework.id} fw={500} className="cell-break">
                  {framework.name}
                </Anchor>
                {framework.builtinKey && (
                  <Text size="sm" c="dimmed" mt={2}>
                    {t('frameworks.builtin')}
                  </Text>
                )}
                {framework.originAttribution && (
                  <Text size="sm" c="dimmed" mt={2} className="cell-break">
                    {t('frameworks.forkedFrom', { attribution: framework.originAttribution })}
                  </Text>
                )}
                {/* Under 48em the status column folds into this cell. */}
                <Stack hiddenFrom="sm" mt={6} gap={4}>
                  <FrameworkStatusBadges framework={framework} />
                </Stack>
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <FrameworkStatusBadges framework={framework} />
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">{formatDate(framework.updatedAt, locale)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" px="md" py="xs" className="table-footer">
        {t('frameworks.count', { count: frameworks.data.length })}
      </Text>
    </Paper>
  );
}
