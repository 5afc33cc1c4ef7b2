import { Stack, Text, Title } from '@mantine/core';
import { PARTIAL_RETENTION_DAYS } from '#domain/collection';
import { useTranslation } from 'react-i18next';
import type { RespondentView } from '../../api/respond-api';
import { currentLocale } from '../../app/i18n/i18n';
import { formatDate } from '../../components/format';

/**
 * Who sees the answers and how long they are kept, from the group's anonymity: shown before the
 * first question and on demand while answering.
 */
export function PrivacyNotice({ view, kiosk, headingOrder }: { view: RespondentView; kiosk: boolean; headingOrder: 2 | 3 }) {
  const { t } = useTranslation();
  const canResumeAnywhere = view.linkKind === 'personal';
  return (
    <Stack gap="sm">
      <Title order={headingOrder} fz="md">
        {t('respond.notice.whoTitle')}
      </Title>
      <Text>
        {view.groupKey === 'self_assessment' && view.anonymity === 'confidential'
          ? t('respond.notice.selfAssessment')
          : t(`respond.notice.${view.anonymity}`, { k: view.evaluation.kThreshold })}
      </Text>
      <Title order={headingOrder} fz="md">
        {t('respond.notice.keptTitle')}
      </Title>
      <Text>
        {t('respond.notice.kept', { date: formatDate(view.evaluation.retainedUntil, currentLocale()), k: view.evaluation.kThreshold, days: PARTIAL_RETENTION_DAYS })}
      </Text>
      {view.linkKind === 'personal' && !kiosk && <Text>{t('respond.notice.keptPersonal')}</Text>}
      <Text>{kiosk ? t('respond.notice.kiosk') : t(canResumeAnywhere ? 'respond.notice.resumeAnywhere' : 'respond.notice.resumeHere')}</Text>
    </Stack>
  );
}

/** "12 questions over 3 pages", before starting. */
export function QuestionnaireSize({ view }: { view: RespondentView }) {
  const { t } = useTranslation();
  const pages = view.questionnaire.pages;
  const count = pages.reduce((sum, page) => sum + page.elements.length, 0);
  return (
    <Text>
      {t('respond.notice.size', { count, pages: pages.length })}{' '}
      {t('respond.notice.deadline', { date: formatDate(view.evaluation.closesAt, currentLocale()) })}
    </Text>
  );
}
