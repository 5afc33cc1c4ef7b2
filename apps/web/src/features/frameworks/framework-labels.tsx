import { Badge, Group } from '@mantine/core';
import { localize, type LocalizedText } from '#domain/locale';
import { STAKEHOLDER_GROUPS, type StakeholderGroupKey } from '#domain/stakeholder-group';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FrameworkSummary } from '../../api/types';
import { currentLocale } from '../../app/i18n/i18n';

/** A localized text of the content in the interface language (English falls back to French). */
export function inUiLocale(text: LocalizedText | null | undefined): string {
  return text ? localize(text, currentLocale()) : '';
}

export function groupLabel(key: StakeholderGroupKey): string {
  const group = STAKEHOLDER_GROUPS.find((g) => g.key === key);
  return group ? group.label[currentLocale()] : key;
}

/** "Publiée v2", "Brouillon v3": what a framework has. */
export function versionLabels(framework: Pick<FrameworkSummary, 'latestPublished' | 'draft'>, t: TFunction): string[] {
  const labels: string[] = [];
  if (framework.latestPublished) labels.push(t('frameworks.status.published', { number: framework.latestPublished.number }));
  if (framework.draft) labels.push(t('frameworks.status.draft', { number: framework.draft.number }));
  if (labels.length === 0) labels.push(t('frameworks.status.none'));
  return labels;
}

export function FrameworkStatusBadges({ framework }: { framework: FrameworkSummary }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      {framework.latestPublished && (
        <Badge variant="light" color="#1d6b3b" radius="sm">
          {t('frameworks.status.published', { number: framework.latestPublished.number })}
        </Badge>
      )}
      {framework.draft && (
        <Badge variant="light" color="#8a5300" radius="sm">
          {t('frameworks.status.draft', { number: framework.draft.number })}
        </Badge>
      )}
      {!framework.latestPublished && !framework.draft && (
        <Badge variant="light" color="gray" radius="sm">
          {t('frameworks.status.none')}
        </Badge>
      )}
      {framework.sharedAt && (
        <Badge variant="outline" color="regards" radius="sm">
          {t('frameworks.shared')}
        </Badge>
      )}
    </Group>
  );
}
