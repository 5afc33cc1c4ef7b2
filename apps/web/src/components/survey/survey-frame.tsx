/**
 * Renders a SurveyJS model under the page's Content-Security-Policy.
 *
 * The page allows `<style>` elements only with the request's nonce. survey-react-ui renders the
 * theme's CSS variables in `<style>` elements of its own (no nonce) when `generateStylesheet` is
 * on; createSurveyModel turns it off and the same two stylesheets are rendered here with the
 * nonce. And survey-react-ui writes its SVG icon sprite with `innerHTML`: one icon (the timer's
 * circle, unused) carries a `style` attribute, which the policy blocks; such attributes are
 * dropped from the registry before the first render.
 */
import { useEffect, useState } from 'react';
import { SvgRegistry, type SurveyModel } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { readCspNonce } from '../../app/csp-nonce';

const nonce = readCspNonce();

// survey-react-ui registered its icons when imported (above).
for (const [id, symbol] of Object.entries(SvgRegistry.icons)) {
  if (symbol.includes(' style="')) SvgRegistry.icons[id] = symbol.replace(/\s+style="[^"]*"/g, '');
}

export function SurveyFrame({ model }: { model: SurveyModel }) {
  const [resetCss, setResetCss] = useState('');

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
