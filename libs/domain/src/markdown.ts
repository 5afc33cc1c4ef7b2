/**
 * Light markdown for the texts framework authors write, rendered to safe HTML: the same function
 * runs on the server (reports, API) and in the browser (editor, preview, questionnaire through
 * SurveyJS's `onTextMarkdown`), so a text looks the same everywhere and is inert everywhere.
 *
 * - `renderInlineMarkdown` for titles and labels: *emphasis*, **strong**, `code`, links.
 * - `renderLightMarkdown` for help texts and introductions: paragraphs, line breaks (a single
 *   newline is a line break, as authors expect), bullet and numbered lists, and the inline marks.
 *
 * Safety comes from what the parser can produce, not from cleaning its output afterwards:
 * markdown-it starts from its empty ("zero") preset and only the rules above are enabled. Raw HTML
 * is off, so `<script>` or `<img onerror=…>` are escaped and shown as text; images are off (no
 * request to any host: `![x](url)` is at most a link); headings, quotes, code blocks, tables and
 * reference definitions are off. A link is kept only when its URL, after markdown-it has decoded
 * entities and escapes and normalised it, starts with `http:`, `https:` or `mailto:`; anything
 * else (`javascript:`, `JaVaScRiPt:`, `data:`, `vbscript:`, relative URLs…) is left as the text the
 * author typed. Every link opens in a new tab with `rel="noopener noreferrer nofollow"`. Bare
 * `https://…` and `mailto:…` URLs become links; bare host names do not. The typographer is off:
 * quotes, apostrophes, dashes and the narrow no-break spaces of French typography are kept as
 * written. Pure: no DOM, no global state beyond two configured parsers, identical output in Node
 * and in browsers.
 */
import MarkdownIt from 'markdown-it';

/** The `rel` every rendered link carries. */
export const MARKDOWN_LINK_REL = 'noopener noreferrer nofollow';

const ALLOWED_URL = /^(?:https?|mailto):/i;

/** Whether a (normalised) link URL may be rendered as a link: http, https or mailto only. */
export function isAllowedLinkUrl(url: string): boolean {
  return ALLOWED_URL.test(url);
}

const INLINE_RULES = ['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'entity', 'linkify'];

function createParser(block: boolean): MarkdownIt {
  const md = new MarkdownIt('zero', {
    html: false,
    xhtmlOut: false,
    breaks: block,
    linkify: true,
    typographer: false,
  });
  md.enable(block ? [...INLINE_RULES, 'list'] : INLINE_RULES);
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.validateLink = isAllowedLinkUrl;
  md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    token.attrSet('rel', MARKDOWN_LINK_REL);
    token.attrSet('target', '_blank');
    return self.renderToken(tokens, index, options);
  };
  return md;
}

const blockParser = createParser(true);
const inlineParser = createParser(false);

/** Help texts and introductions: paragraphs, line breaks, lists and inline marks, as safe HTML. */
export function renderLightMarkdown(text: string): string {
  return blockParser.render(text);
}

/** Titles and labels: emphasis, strong, code and links, as safe HTML with no block element. */
export function renderInlineMarkdown(text: string): string {
  return inlineParser.renderInline(text);
}
