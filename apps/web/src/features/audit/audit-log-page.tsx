import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFoundContent } from '../../app/not-found-page';
import { PageLoader } from '../../components/page-loader';
import { PageTitle } from '../../components/page-title';
import { QueryError } from '../../components/query-error';
import { Section } from '../../components/section';
import { useIsWide } from '../../components/use-is-wide';
import { localeOf } from '../sessions/session-labels';
import { useWorkspaceMembers } from '../members/use-workspace-members';
import { useCurrentWorkspace } from '../workspaces/workspace-scope';
import type { AuditEvent, AuditFilters } from './audit-api';
import { actionInWords, formatEventTime, targetInWords } from './audit-labels';
import { useAuditEvents } from './use-audit-events';

interface FilterForm {
  action: string;
  userId: string;
  fromDay: string;
  toDay: string;
}

const EMPTY: FilterForm = { action: '', userId: '', fromDay: '', toDay: '' };

/** Local midnight of a YYYY-MM-DD day, `offset` days later, as an ISO instant; undefined when not a day. */
function dayStart(value: string, offset = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offset);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The API's filters: days in the administrator's time zone, the last day included. */
function toFilters(form: FilterForm): { filters: AuditFilters; rangeError: boolean } {
  const from = dayStart(form.fromDay);
  const to = dayStart(form.toDay, 1);
  const rangeError = from !== undefined && to !== undefined && from >= to;
  return {
    filters: {
      ...(form.action ? { action: form.action } : {}),
      ...(form.userId ? { userId: form.userId } : {}),
      ...(from && !rangeError ? { from } : {}),
      ...(to && !rangeError ? { to } : {}),
    },
    rangeError,
  };
}

/** « Journal d’audit »: what happened in the network, for its administrators. */
export function AuditLogPage() {
  const workspace = useCurrentWorkspace();
  // The API answers 403 to other members; the page is not offered to them either.
  return workspace.role === 'admin' ? <AuditLog workspaceId={workspace.id} /> : <NotFoundContent />;
}

function AuditLog({ workspaceId }: { workspaceId: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const { filters, rangeError } = useMemo(() => toFilters(form), [form]);
  const events = useAuditEvents(workspaceId, filters);
  const members = useWorkspaceMembers(workspaceId);
  const items = useMemo(() => events.data?.pages.flatMap((page) => page.items) ?? [], [events.data]);
  const filtered = Object.keys(filters).length > 0;

  const set = (key: keyof FilterForm) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setForm((current) => ({ ...current, [key]: value }));
  };

  return (
    <Stack gap="lg">
      <div>
        <PageTitle>{t('audit.title')}</PageTitle>
        <Text c="dimmed" mt={4}>
          {t('audit.intro')}
        </Text>
      </div>

      <Section title={t('audit.filters.label')}>
        <form role="search" aria-label={t('audit.filters.label')} onSubmit={(event) => event.preventDefault()}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            <NativeSelect
              label={t('audit.filters.action')}
              value={form.action}
              onChange={set('action')}
              data={[
                { value: '', label: t('audit.filters.allActions') },
                // The API takes the beginning of an action's name: "membership." for all of that category.
                ...Object.entries(t('audit.categories', { returnObjects: true })).map(([category, label]) => ({ value: `${category}.`, label })),
              ]}
            />
            <NativeSelect
              label={t('audit.filters.person')}
              description={t('audit.filters.personHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={form.userId}
              onChange={set('userId')}
              data={[
                { value: '', label: t('audit.filters.everyone') },
                ...(members.data ?? []).map((member) => ({ value: member.userId, label: member.displayName || member.email })),
              ]}
            />
            <TextInput type="date" label={t('audit.filters.from')} value={form.fromDay} onChange={set('fromDay')} max={form.toDay || undefined} />
            <TextInput
              type="date"
              label={t('audit.filters.to')}
              value={form.toDay}
              onChange={set('toDay')}
              min={form.fromDay || undefined}
              error={rangeError ? t('audit.filters.invalidRange') : undefined}
            />
          </SimpleGrid>
          {(filtered || rangeError) && (
            <Group mt="md">
              <Button variant="subtle" onClick={() => setForm(EMPTY)}>
                {t('audit.filters.clear')}
              </Button>
            </Group>
          )}
        </form>
      </Section>

      <Section title={t('audit.table.label')}>
        {events.isPending ? (
          <PageLoader />
        ) : events.isError ? (
          <QueryError error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Stack gap="md">
            <Text size="sm" c="dimmed" aria-live="polite" role="status">
              {items.length === 0 ? (filtered ? t('audit.noneFiltered') : t('audit.none')) : t('audit.shown', { count: items.length })}
            </Text>
            {items.length > 0 && <EventTable items={items} locale={locale} />}
            {events.hasNextPage && (
              <Group>
                <Button variant="light" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                  {t('audit.more')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

function EventTable({ items, locale }: { items: AuditEvent[]; locale: 'fr' | 'en' }) {
  const { t } = useTranslation();
  const wide = useIsWide();

  const person = (event: AuditEvent) =>
    event.actor ? (
      <>
        <Text span fw={500} size="sm">
          {event.actor.name || event.actor.email}
        </Text>
        {event.actor.name && (
          <Text size="xs" c="dimmed" className="cell-break">
            {event.actor.email}
          </Text>
        )}
      </>
    ) : (
      <Text span size="sm" c="dimmed">
        {t('audit.noActor')}
      </Text>
    );

  const target = (event: AuditEvent) => {
    const words = targetInWords(event, t);
    if (!words) return null;
    return (
      <>
        {words.label && (
          <Text span size="sm" fw={500} className="cell-break">
            {words.label}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {words.kind}
        </Text>
      </>
    );
  };

  const time = (event: AuditEvent) => <time dateTime={event.createdAt}>{formatEventTime(event.createdAt, locale)}</time>;

  if (!wide) {
    // Under 48em a four-column table does not fit: one block per event instead.
    return (
      <ul aria-label={t('audit.table.label')} className="member-cards">
        {items.map((event) => (
          <li key={event.id}>
            <Text size="sm" c="dimmed">
              {time(event)}
            </Text>
            <Text fw={600}>{actionInWords(event, t, locale)}</Text>
            <div>{target(event)}</div>
            <Group gap={6} align="baseline" wrap="nowrap">
              <Text span size="sm" c="dimmed">
                {t('audit.by')}
              </Text>
              <div>{person(event)}</div>
            </Group>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <Table verticalSpacing="sm" aria-label={t('audit.table.label')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('audit.table.date')}</Table.Th>
          <Table.Th scope="col">{t('audit.table.person')}</Table.Th>
          <Table.Th scope="col">{t('audit.table.action')}</Table.Th>
          <Table.Th scope="col">{t('audit.table.target')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((event) => (
          <Table.Tr key={event.id}>
            <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
              {time(event)}
            </Table.Th>
            <Table.Td>{person(event)}</Table.Td>
            <Table.Td>{actionInWords(event, t, locale)}</Table.Td>
            <Table.Td>{target(event)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
