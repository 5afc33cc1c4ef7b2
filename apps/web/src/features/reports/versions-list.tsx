import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportVersion } from '../../api/reports-api';
import { IconDownload } from '../../components/icons';
import { formatDay } from '../evaluations/evaluation-labels';
import { formatBytes } from './format-bytes';

/**
 * The validated versions of the report, newest first: what the board reads. Each is frozen;
 * its SHA-256 lets anyone check that a copy is the one validated.
 */
export function VersionsList({ versions, pdfUrl }: { versions: ReportVersion[]; pdfUrl: (versionId: string) => string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Paper component="section" aria-labelledby={titleId} p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <div>
          <Title order={2} id={titleId}>
            {t('reports.versions.title')}
          </Title>
          {versions.length > 0 && (
            <Text c="dimmed" size="sm" mt={4}>
              {t('reports.versions.intro')}
            </Text>
          )}
        </div>
        {versions.length === 0 ? (
          <div>
            <Text fw={600}>{t('reports.versions.none')}</Text>
            <Text size="sm" c="dimmed" mt={4}>
              {t('reports.versions.noneHint')}
            </Text>
          </div>
        ) : (
          <ul className="report-versions" aria-label={t('reports.versions.listLabel')}>
            {versions.map((version) => (
              <li key={version.id} className="report-version">
                <Group justify="space-between" align="flex-start" gap="sm">
                  <div className="report-version-text">
                    <Text fw={600}>{t('reports.versions.number', { number: version.number })}</Text>
                    <Text size="sm">{t('reports.versions.validatedAt', { date: formatDay(version.validatedAt) })}</Text>
                  </div>
                  <Button
                    component="a"
                    href={pdfUrl(version.id)}
                    download
                    variant="light"
                    leftSection={<IconDownload size={16} />}
                    aria-label={t('reports.versions.downloadLabel', { number: version.number })}
                  >
                    {t('reports.versions.download')}
                  </Button>
                </Group>
                <dl className="report-version-details">
                  <div>
                    <dt>{t('reports.versions.validatedBy')}</dt>
                    <dd>{version.validatedBy.join(', ')}</dd>
                  </div>
                  <div>
                    <dt>{t('reports.versions.language')}</dt>
                    <dd>{t(`reports.language.${version.locale}`)}</dd>
                  </div>
                  <div>
                    <dt>{t('reports.versions.size')}</dt>
                    <dd>
                      {formatBytes(version.sizeBytes)} · {t('reports.versions.pages', { count: version.pages })}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('reports.versions.fingerprint')}</dt>
                    <dd>
                      <code translate="no">{version.sha256.slice(0, 12)}</code>
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Paper>
  );
}
