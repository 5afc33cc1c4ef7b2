/**
 * A group's questionnaire as the facilitator types in a paper copy: every page on one screen,
 * nothing required (a blank on paper stays blank), the answers' formats still checked. Loaded on
 * demand (default export for `React.lazy`) so that SurveyJS is not in the facilitator shell.
 */
import type { Locale } from '#domain/locale';
import type { SurveyJson } from '#domain/questionnaire';
import { useEffect, useMemo, useRef } from 'react';
import type { CompletingEvent, SurveyModel } from 'survey-core';
import { SurveyFrame } from '../../components/survey/survey-frame';
import { createSurveyModel } from '../../components/survey/survey-model';

export interface PaperSurveyProps {
  survey: SurveyJson;
  locale: Locale;
  completeText: string;
  /** Saves the answers; a rejection keeps the questionnaire open with what was typed. */
  onSave: (data: Record<string, unknown>) => Promise<void>;
}

export default function PaperSurvey({ survey, locale, completeText, onSave }: PaperSurveyProps) {
  const json = JSON.stringify(survey);
  const model = useMemo(() => {
    const created = createSurveyModel(JSON.parse(json) as object, locale);
    created.questionsOnPageMode = 'singlePage';
    created.showCompletePage = false;
    for (const question of created.getAllQuestions()) question.isRequired = false;
    return created;
  }, [json]);
  const save = useRef(onSave);
  useEffect(() => {
    save.current = onSave;
  }, [onSave]);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  useEffect(() => {
    model.completeText = completeText;
  }, [model, completeText]);

  useEffect(() => {
    const onCompleting = async (sender: SurveyModel, options: CompletingEvent) => {
      try {
        await save.current({ ...(sender.data as Record<string, unknown>) });
      } catch {
        options.allow = false;
      }
    };
    model.onCompleting.add(onCompleting);
    return () => model.onCompleting.remove(onCompleting);
  }, [model]);

  return (
    <div className="paper-survey">
      <SurveyFrame model={model} />
    </div>
  );
}
