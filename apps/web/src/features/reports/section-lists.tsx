import { ActionIcon, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useTranslation } from 'react-i18next';
import type { ReportAction, Testimony } from '../../api/reports-api';
import { IconPlus, IconTrash } from '../../components/icons';
import { groupLabel } from '../frameworks/framework-labels';

/** The API's limits of rows in one section. */
const TESTIMONIES_MAX = 40;
const ACTIONS_MAX = 60;

interface TestimoniesEditorProps {
  value: Testimony[];
  groups: StakeholderGroupKey[];
  onChange: (value: Testimony[]) => void;
  onBlur: () => void;
}

/**
 * Testimonies written with the person. A name is kept only with the person's consent: the name
 * field stays disabled until the box is ticked, and unticking it forgets the name.
 */
export function TestimoniesEditor({ value, groups, onChange, onBlur }: TestimoniesEditorProps) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<Testimony>) => onChange(value.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <Stack gap="md">
      {value.map((testimony, index) => {
        const number = index + 1;
        return (
          <fieldset key={index} className="report-fieldset report-card">
            <legend className="report-legend">{t('reports.testimonies.item', { number })}</legend>
            <Stack gap="sm">
              <Textarea
                label={t('reports.testimonies.text')}
                value={testimony.text}
                onChange={(event) => update(index, { text: event.currentTarget.value })}
                onBlur={onBlur}
                autosize
                minRows={2}
                maxRows={10}
              />
              <Checkbox
                label={t('reports.testimonies.consent')}
                checked={testimony.consent}
                onChange={(event) => {
                  const consent = event.currentTarget.checked;
                  update(index, consent ? { consent } : { consent, name: null });
                }}
              />
              <Group gap="sm" align="flex-start" grow wrap="wrap">
                <TextInput
                  label={t('reports.testimonies.name')}
                  description={testimony.consent ? t('reports.testimonies.nameHintConsent') : t('reports.testimonies.nameHint')}
                  value={testimony.name ?? ''}
                  disabled={!testimony.consent}
                  onChange={(event) => update(index, { name: event.currentTarget.value || null })}
                  onBlur={onBlur}
                  maxLength={120}
                />
                <NativeSelect
                  label={t('reports.testimonies.group')}
                  value={testimony.groupKey ?? ''}
                  onChange={(event) => update(index, { groupKey: event.currentTarget.value || null })}
                  data={[{ value: '', label: t('reports.testimonies.noGroup') }, ...groups.map((key) => ({ value: key, label: groupLabel(key) }))]}
                />
              </Group>
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => onChange(value.filter((_, i) => i !== index))}
                >
                  {t('reports.testimonies.remove', { number })}
                </Button>
              </Group>
            </Stack>
          </fieldset>
        );
      })}
      <div>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          disabled={value.length >= TESTIMONIES_MAX}
          onClick={() => onChange([...value, { text: '', name: null, groupKey: null, consent: false }])}
        >
          {t('reports.testimonies.add')}
        </Button>
      </div>
    </Stack>
  );
}

interface ActionsEditorProps {
  value: ReportAction[];
  onChange: (value: ReportAction[]) => void;
  onBlur: () => void;
}

/** The action plan as a table: a recommendation, who carries it, by when; rows added and removed. */
export function ActionsEditor({ value, onChange, onBlur }: ActionsEditorProps) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<ReportAction>) => onChange(value.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <Stack gap="sm">
      {value.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('reports.actions.none')}
        </Text>
      ) : (
        <div className="report-table-scroll">
          <table className="report-actions-table" aria-label={t('reports.actions.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('reports.actions.recommendation')}</th>
                <th scope="col">{t('reports.actions.who')}</th>
                <th scope="col">{t('reports.actions.when')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {value.map((action, index) => {
                const number = index + 1;
                return (
                  <tr key={index}>
                    <td>
                      <Textarea
                        aria-label={t('reports.actions.rowRecommendation', { number })}
                        value={action.recommendation}
                        onChange={(event) => update(index, { recommendation: event.currentTarget.value })}
                        onBlur={onBlur}
                        autosize
                        minRows={1}
                        maxRows={6}
                        maxLength={2000}
                      />
                    </td>
                    <td>
                      <Textarea
                        aria-label={t('reports.actions.rowWho', { number })}
                        value={action.who}
                        onChange={(event) => update(index, { who: event.currentTarget.value })}
                        onBlur={onBlur}
                        autosize
                        minRows={1}
                        maxRows={4}
                        maxLength={200}
                      />
                    </td>
                    <td>
                      <Textarea
                        aria-label={t('reports.actions.rowWhen', { number })}
                        value={action.when}
                        onChange={(event) => update(index, { when: event.currentTarget.value })}
                        onBlur={onBlur}
                        autosize
                        minRows={1}
                        maxRows={4}
                        maxLength={120}
                      />
                    </td>
                    <td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('reports.actions.remove', { number })}
                        onClick={() => onChange(value.filter((_, i) => i !== index))}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          disabled={value.length >= ACTIONS_MAX}
          onClick={() => onChange([...value, { recommendation: '', who: '', when: '' }])}
        >
          {t('reports.actions.add')}
        </Button>
      </div>
    </Stack>
  );
}
