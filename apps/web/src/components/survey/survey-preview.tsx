/**
 * A questionnaire rendered from its JSON with nothing saved: the facilitator's preview. Loaded on
 * demand (default export for `React.lazy`) so that SurveyJS is not in the facilitator shell.
 */
import type { Locale } from '#domain/locale';
import type { SurveyJson } from '#domain/questionnaire';
import { useEffect, useMemo } from 'react';
import { createSurveyModel } from './survey-model';
import { SurveyFrame } from './survey-frame';

export interface SurveyPreviewProps {
  survey: SurveyJson;
  locale: Locale;
}

export default function SurveyPreview({ survey, locale }: SurveyPreviewProps) {
  const json = JSON.stringify(survey);
  // One model per compiled questionnaire (its JSON); the language at creation, later switches
  // through the effect below, which keeps the answers given.
  const model = useMemo(() => createSurveyModel(JSON.parse(json) as object, locale), [json]);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  return <SurveyFrame model={model} />;
}
