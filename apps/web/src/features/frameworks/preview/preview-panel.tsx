import { Alert, Button, Group, NativeSelect, Paper, Radio, Stack, Text } from '@mantine/core';
import type { FrameworkContent } from '#domain/framework';
import type { Locale } from '#domain/locale';
import { compileQuestionnaire } from '#domain/questionnaire';
import { STAKEHOLDER_GROUP_KEYS, isStakeholderGroupKey, type StakeholderGroupKey } from '#domain/stakeholder-group';
import { Suspense, lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../app/i18n/i18n';
import { PageLoader } from '../../../components/page-loader';
import { groupLabel } from '../framework-labels';

// survey-core's renderer and styles load only when a preview is shown.
const SurveyPreview = lazy(() => import('../../../components/survey/survey-preview'));

/** The questionnaire exactly as one stakeholder group sees it, in French or English. */
export function PreviewPanel({ content }: { content: FrameworkContent | undefined }) {
  const { t } = useTranslation();
  const [group, setGroup] = useState<StakeholderGroupKey>('self_assessment');
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [run, setRun] = useState(0);

  // Compiled with every dimension and no custom question, as a new evaluation would be. The
  // language is applied on the SurveyJS model, so switching it keeps the answers given.
  const questionnaire = useMemo(
    () =>
      content
        ? compileQuestionnaire({
            version: { content },
            dimensionKeys: content.dimensions.map((dimension) => dimension.key),
            customQuestions: [],
            group,
            locale: 'fr',
          })
        : undefined,
    [content, group],
  );

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('frameworks.preview.intro')}
      </Text>
      <Group align="flex-end" gap="lg" wrap="wrap">
        <NativeSelect
          label={t('frameworks.preview.group')}
          value={group}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isStakeholderGroupKey(value)) setGroup(value);
          }}
          data={STAKEHOLDER_GROUP_KEYS.map((key) => ({ value: key, label: groupLabel(key) }))}
          miw={260}
        />
        <Radio.Group label={t('frameworks.preview.locale')} value={locale} onChange={(value) => setLocale(value === 'en' ? 'en' : 'fr')}>
          <Group gap="md" mt={8}>
            <Radio value="fr" label="Français" lang="fr" />
            <Radio value="en" label="English" lang="en" />
          </Group>
        </Radio.Group>
        {questionnaire && questionnaire.questions.length > 0 && (
          <Button variant="subtle" onClick={() => setRun((n) => n + 1)}>
            {t('frameworks.preview.restart')}
          </Button>
        )}
      </Group>
      {!questionnaire ? (
        <Alert color="#8a5300" variant="light" role="note">
          {t('frameworks.preview.invalid')}
        </Alert>
      ) : questionnaire.questions.length === 0 ? (
        <Paper p="lg" withBorder>
          <Text>{t('frameworks.preview.noQuestions')}</Text>
        </Paper>
      ) : (
        <>
          <Text size="sm" c="dimmed" role="status">
            {t('frameworks.preview.questionCount', { count: questionnaire.questions.length, pages: questionnaire.survey.pages.length })}
          </Text>
          <div className="preview-frame">
            <Suspense fallback={<PageLoader />}>
              <SurveyPreview key={run} survey={questionnaire.survey} locale={locale} />
            </Suspense>
          </div>
        </>
      )}
    </Stack>
  );
}
