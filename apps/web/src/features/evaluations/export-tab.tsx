import { Checkbox, Group, NativeSelect, Stack, Switch } from '@mantine/core';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportOptions } from '../../api/collection-api';
import type { Evaluation } from '../../api/evaluations-api';
import type { Locale } from '../../api/types';
import { currentLocale } from '../../app/i18n/i18n';
import { DownloadButton } from '../../components/download-button';
import { IconDownload } from '../../components/icons';
import { Section } from '../../components/section';
import { groupLabel } from '../frameworks/framework-labels';
import { useCollectionApi, type EvaluationRef } from './use-evaluations';

/** Submissions as CSV or XLSX, streamed by the API; a busy server's refusal is said in words. */
export function ExportTab({ evaluationRef, evaluation }: { evaluationRef: EvaluationRef; evaluation: Evaluation }) {
  const { t } = useTranslation();
  const client = useCollectionApi(evaluationRef);
  const [options, setOptions] = useState<ExportOptions>({ locale: currentLocale(), codes: false, includeExcluded: false });

  return (
    <Section title={t('evaluations.page.tabs.export')} description={t('evaluations.export.intro')}>
      <Stack gap="md" maw={560}>
        <NativeSelect
          label={t('evaluations.export.locale')}
          value={options.locale}
          data={[
            { value: 'fr', label: t('language.fr') },
            { value: 'en', label: t('language.en') },
          ]}
          onChange={(event) => {
            const locale = event.currentTarget.value as Locale;
            setOptions((current) => ({ ...current, locale }));
          }}
        />
        <NativeSelect
          label={t('evaluations.export.group')}
          value={options.groupKey ?? ''}
          data={[
            { value: '', label: t('evaluations.export.allGroups') },
            ...evaluation.groups.map((g) => ({ value: g.groupKey, label: groupLabel(g.groupKey) })),
          ]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setOptions((current) => ({ ...current, groupKey: value ? (value as StakeholderGroupKey) : undefined }));
          }}
        />
        <Switch
          label={t('evaluations.export.codes')}
          description={t('evaluations.export.codesHint')}
          checked={options.codes}
          onChange={(event) => {
            const codes = event.currentTarget.checked;
            setOptions((current) => ({ ...current, codes }));
          }}
        />
        <Checkbox
          label={t('evaluations.export.includeExcluded')}
          checked={options.includeExcluded ?? false}
          onChange={(event) => {
            const includeExcluded = event.currentTarget.checked;
            setOptions((current) => ({ ...current, includeExcluded }));
          }}
        />
        <Group gap="sm">
          <DownloadButton url={client.exportUrl('csv', options)} fileName="regards-export.csv" leftSection={<IconDownload size={16} />}>
            {t('evaluations.export.csv')}
          </DownloadButton>
          <DownloadButton url={client.exportUrl('xlsx', options)} fileName="regards-export.xlsx" variant="light" leftSection={<IconDownload size={16} />}>
            {t('evaluations.export.xlsx')}
          </DownloadButton>
        </Group>
      </Stack>
    </Section>
  );
}
