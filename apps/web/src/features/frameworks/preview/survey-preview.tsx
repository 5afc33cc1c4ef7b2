/**
 * The questionnaire rendered by SurveyJS (survey-core + survey-react-ui), loaded on demand so that
 * neither is in the facilitator shell.
 *
 * CSP: the page allows `<style>` elements only with the request's nonce. survey-react-ui renders
 * the theme's CSS variables in `<style>` elements of its own (no nonce) when `generateStylesheet`
 * is on; it is turned off here and the same two stylesheets are rendered with the nonce. And
 * survey-react-ui writes its SVG icon sprite with `innerHTML`: one icon (the timer's circle, unused
 * here) carries a `style` attribute, which the policy blocks; such attributes are dropped from the
 * registry before the first render.
 */
import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/french';
import './survey-theme.css';
import type { Locale } from '#domain/locale';
import { renderInlineMarkdown, renderLightMarkdown } from '#domain/markdown';
import { useEffect, useMemo, useState } from 'react';
import { Model, SvgRegistry, type SurveyModel, type TextMarkdownEvent } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { readCspNonce } from '../../../app/csp-nonce';
import type { SurveyJson } from '#domain/questionnaire';

const nonce = readCspNonce();

// survey-react-ui registered its icons when imported (above).
for (const [id, symbol] of Object.entries(SvgRegistry.icons)) {
  if (symbol.includes(' style="')) SvgRegistry.icons[id] = symbol.replace(/\s+style="[^"]*"/g, '');
}

/**
 * Texts as sanitized HTML, as the respondent's questionnaire renders them: help texts and
 * introductions (SurveyJS `description`) as light markdown, titles and labels inline only. The
 * renderer can only produce safe HTML (no raw HTML, http(s)/mailto links only).
 */
function markdownToHtml(_: SurveyModel, options: TextMarkdownEvent): void {
  options.html = options.name === 'description' ? renderLightMarkdown(options.text) : renderInlineMarkdown(options.text);
}

export interface SurveyPreviewProps {
  survey: SurveyJson;
  locale: Locale;
}

export default function SurveyPreview({ survey, locale }: SurveyPreviewProps) {
  const json = JSON.stringify(survey);
  // One model per compiled questionnaire (its JSON); switching the language keeps the answers given.
  const model = useMemo(() => {
    const created = new Model(JSON.parse(json));
    created.generateStylesheet = false;
    // The language at creation; later switches go through the effect below (answers are kept).
    created.locale = locale;
    // Attached at creation, not in an effect: SurveyJS renders the texts before effects run.
    // The handler is pure, and each model gets exactly one.
    created.onTextMarkdown.add(markdownToHtml);
    return created;
  }, [json]);
  const [resetCss, setResetCss] = useState('');

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  useEffect(() => {
    const onRendered = (sender: SurveyModel) => setResetCss(sender.resetVariablesStyle);
    // The first render happened before this effect (children mount first): read it now.
    if (model.rootElement) setResetCss(model.resetVariablesStyle);
    model.onAfterRenderSurvey.add(onRendered);
    return () => model.onAfterRenderSurvey.remove(onRendered);
  }, [model]);

  return (
    <>
      <style nonce={nonce}>{model.themeStyle}</style>
      {resetCss && <style nonce={nonce}>{resetCss}</style>}
      <Survey model={model} />
    </>
  );
}
