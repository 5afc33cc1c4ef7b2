import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconBuilding, IconPlus } from '../../components/icons';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { permissions } from '../workspaces/permissions';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import { CreateOrganizationModal } from './create-organization-modal';
import { useOrganizations } from './use-organizations';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const organizations = useOrganizations(workspace.id);
  const canCreate = permissions.createOrganization(workspace.role);
  const [creating, { open, close }] = useDisclosure(false);
  const dash = (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t('common.notProvided')}</span>
    </>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <PageTitle>{t('organizations.title')}</PageTitle>
          <Text c="dimmed" mt={4}>
            {workspace.role ? t('organizations.intro') : t('organizations.introMember')}
          </Text>
        </div>
        {canCreate && (
          <Button leftSection={<IconPlus />} onClick={open}>
            {t('organizations.create')}
          </Button>
        )}
      </Group>

      {organizations.isPending ? (
        <PageLoader />
      ) : organizations.isError ? (
        <QueryError error={organizations.error} onRetry={() => void organizations.refetch()} />
      ) : organizations.data.length === 0 ? (
        <Paper p={{ base: 'lg', sm: 'xl' }} className="empty-state">
          <Stack align="center" gap="sm" maw={560} mx="auto" ta="center">
            <div className="empty-state-icon">
              <IconBuilding size={28} />
            </div>
            <Title order={2}>{t('organizations.emptyTitle')}</Title>
            <Text c="dark.6">{canCreate ? t('organizations.emptyText') : t('organizations.emptyTextReadOnly')}</Text>
            {canCreate && (
              <Button leftSection={<IconPlus />} onClick={open} mt="xs" variant="light">
                {t('organizations.create')}
              </Button>
            )}
          </Stack>
        </Paper>
      ) : (
        <Paper p={0} style={{ overflow: 'hidden' }}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('organizations.listLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organizations.fields.name')}</Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('organizations.fields.city')}
                </Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('organizations.fields.legalForm')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organizations.data.map((organization) => {
                const meta = [organization.city, organization.legalForm].filter(Boolean).join(' · ');
                return (
                  <Table.Tr key={organization.id}>
                    <Table.Td>
                      <Anchor component={Link} to={organization.id} fw={500}>
                        {organization.name}
                      </Anchor>
                      {organization.deletionRequest && (
                        <Badge color="orange" variant="light" ml="xs" size="sm">
                          {t('organizationData.badge')}
                        </Badge>
                      )}
                      {/* Under 48em the two other columns fold into this line. */}
                      {meta && (
                        <Text size="sm" c="dimmed" hiddenFrom="sm" mt={2}>
                          {meta}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{organization.city || dash}</Table.Td>
                    <Table.Td visibleFrom="sm">{organization.legalForm || dash}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed" px="md" py="xs" className="table-footer">
            {t('organizations.count', { count: organizations.data.length })}
          </Text>
        </Paper>
      )}

      {canCreate && <CreateOrganizationModal workspaceId={workspace.id} opened={creating} onClose={close} />}
    </Stack>
  );
}
