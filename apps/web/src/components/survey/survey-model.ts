/**
 * SurveyJS (survey-core) set up the way Regards renders every questionnaire: the facilitator's
 * preview and the respondent's page. Import this module only from lazily loaded chunks: it pulls
 * survey-core, its stylesheet and its French strings, none of which belong in the shell.
 *
 * Fonts: `survey-core.fontless.css`, because `survey-core.css` fetches Open Sans from a CDN; the
 * app's self-hosted Inter is used instead (survey-theme.css).
 */
import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/french';
import './survey-theme.css';
import type { Locale } from '#domain/locale';
import { renderInlineMarkdown, renderLightMarkdown } from '#domain/markdown';
import { Model, type AfterRenderQuestionEvent, type SurveyModel, type TextMarkdownEvent } from 'survey-core';

/**
 * Texts as sanitized HTML: help texts and introductions (SurveyJS `description`) as light
 * markdown, titles and labels inline only. The renderer can only produce safe HTML (no raw HTML,
 * http(s)/mailto links only), so a text typed into a framework cannot inject markup.
 */
function markdownToHtml(_: SurveyModel, options: TextMarkdownEvent): void {
  options.html = options.name === 'description' ? renderLightMarkdown(options.text) : renderInlineMarkdown(options.text);
}

/**
 * survey-react-ui leaves the "pourquoi ?" comment box of a titled question without an accessible
 * name (its caption is a plain `div`). The box is named by that caption and the question's title,
 * by reference, so the name follows a change of language.
 */
function labelCommentArea(_: SurveyModel, options: AfterRenderQuestionEvent): void {
  const { question, htmlElement } = options;
  const area = htmlElement.querySelector<HTMLTextAreaElement>(`textarea[id="${question.commentId}"]`);
  const caption = area?.closest('.sd-question__comment-area')?.firstElementChild;
  if (!area || !caption || caption.contains(area)) return;
  caption.id ||= `${question.commentId}_caption`;
  const title = htmlElement.querySelector(`[id="${question.ariaTitleId}"]`);
  area.setAttribute('aria-labelledby', title ? `${caption.id} ${question.ariaTitleId}` : caption.id);
}

/**
 * A model for one compiled questionnaire. Its strings carry both languages, so switching
 * `model.locale` later re-localises it and keeps the answers given.
 */
export function createSurveyModel(json: object, locale: Locale): SurveyModel {
  const model = new Model(json);
  // The theme's CSS variables go into nonce'd `<style>` elements rendered by SurveyFrame.
  model.generateStylesheet = false;
  model.locale = locale;
  // Attached at creation, not in an effect: SurveyJS renders the texts before effects run.
  model.onTextMarkdown.add(markdownToHtml);
  model.onAfterRenderQuestion.add(labelCommentArea);
  return model;
}
