import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MARKDOWN_LINK_REL, isAllowedLinkUrl, renderInlineMarkdown, renderLightMarkdown } from './markdown.js';

const RENDERERS = [
  ['renderLightMarkdown', renderLightMarkdown],
  ['renderInlineMarkdown', renderInlineMarkdown],
] as const;

const ALLOWED_TAGS = new Set(['p', 'br', 'ul', 'ol', 'li', 'em', 'strong', 'code', 'a']);
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = { a: ['href', 'title', 'rel', 'target'], ol: ['start'] };
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:="([^"]*)")?/g;

/** The attribute text as a browser reads it: entities decoded, and the characters URL parsing drops. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, decimal: string) => String.fromCodePoint(Number.parseInt(decimal, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&amp;/g, '&');
}

/**
 * What the rendered HTML may contain, checked by reading it as a browser would: only the expected
 * tags, only their expected attributes (so no `on…=` handler), links only to http(s)/mailto with
 * rel and target, and no `<` or `>` outside a tag (any other markup was escaped).
 */
function problemsOf(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('a <script');
  if (/<img/i.test(html)) problems.push('an <img');
  for (const match of html.matchAll(TAG)) {
    const [, closing, rawName, attributeText] = match;
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) problems.push(`a <${name}> tag`);
    if (closing) continue;
    const attributes = new Map<string, string>();
    for (const [, attributeName, value] of attributeText.matchAll(ATTRIBUTE)) attributes.set(attributeName.toLowerCase(), value ?? '');
    for (const attributeName of attributes.keys()) {
      if (/^on/i.test(attributeName)) problems.push(`an event handler ${attributeName}`);
      if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(attributeName)) problems.push(`attribute ${attributeName} on <${name}>`);
    }
    if (name === 'a') {
      // Browsers ignore control characters and spaces in a URL's scheme (`java\tscript:`).
      const href = [...decodeAttribute(attributes.get('href') ?? '')].filter((char) => char.charCodeAt(0) > 0x20).join('');
      if (/^(javascript|data|vbscript):/i.test(href)) problems.push(`a dangerous href ${href}`);
      if (!/^(https?|mailto):/i.test(href)) problems.push(`an href that is not http(s)/mailto: ${href}`);
      if (attributes.get('rel') !== MARKDOWN_LINK_REL) problems.push('a link without rel');
      if (attributes.get('target') !== '_blank') problems.push('a link without target');
    }
  }
  const outsideTags = html.replace(TAG, '');
  if (/[<>]/.test(outsideTags)) problems.push('a < or > outside a tag');
  return problems;
}

const XSS_PAYLOADS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">clic</a>',
  '<a href="https://ok.fr" onclick="alert(1)">clic</a>',
  '<div onmouseover="alert(1)">survol</div>',
  '<style>body{display:none}</style>',
  '<!-- --><script>alert(1)</script>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form action=javascript:alert(1)><button>x</button></form>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java\nscript:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](  javascript:alert(1)  )',
  '[x](<javascript:alert(1)>)',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;&#x61;vascript:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](&#0000106;avascript:alert(1))',
  '[x](javascript\u0000:alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[x](vbscript:msgbox(1))',
  '[x](//evil.example/x)',
  '![x](http://evil.example/x.png)',
  '![x](javascript:alert(1))',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<vbscript:msgbox(1)>',
  '[x][1]\n\n[1]: javascript:alert(1)',
  '[x]\n\n[x]: data:text/html,hi "titre"',
  '[a](https://ok.fr "t\\" onmouseover=\\"alert(1)")',
  "[a](https://ok.fr 'x' onmouseover='alert(1)')",
  '[a](https://ok.fr" onclick="alert(1))',
  '[a](https://ok.fr/"><script>alert(1)</script>)',
  '[<img src=x onerror=alert(1)>](https://ok.fr)',
  '**<img src=x onerror=alert(1)>**',
  '*[x](javascript:alert(1))*',
  '`<script>alert(1)</script>`',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  'javascript:alert(1)',
  'https://ok.fr/<script>alert(1)</script>',
  '[x](mailto:a@b.fr?subject="><img src=x onerror=alert(1)>)',
  '- <img src=x onerror=alert(1)>\n- [x](javascript:alert(1))\n1. <svg onload=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
];

describe('light markdown: XSS', () => {
  it.each([
    '<img src=x>',
    '<script>x</script>',
    '<p onclick="x">a</p>',
    '<a href="javascript:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="java&#x09;script:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="&#106;avascript:alert(1)" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    '<a href="https://ok.fr">x</a>',
    '<svg/onload=alert(1)>',
    '<p>a <b>b</p>',
  ])('the checker itself catches %j', (html) => {
    expect(problemsOf(html)).not.toEqual([]);
  });

  it('has a corpus of at least 25 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(RENDERERS.flatMap(([name, render]) => XSS_PAYLOADS.map((payload) => [name, payload, render] as const)))('%s renders %j inert', (_name, payload, render) => {
    const html = render(payload);
    expect(problemsOf(html)).toEqual([]);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
  });

  it('keeps a quote in a link title inside the attribute (the text "onmouseover=" stays in the title)', () => {
    expect(renderInlineMarkdown('[a](https://ok.fr "t\\" onmouseover=\\"alert(1)")')).toBe(
      `<a href="https://ok.fr" title="t&quot; onmouseover=&quot;alert(1)" rel="${MARKDOWN_LINK_REL}" target="_blank">a</a>`,
    );
  });

  it('shows a rejected link as the text the author typed', () => {
    expect(renderInlineMarkdown('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))');
    expect(renderInlineMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(renderLightMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('never renders an image: ![x](url) is at most a link, so nothing is fetched', () => {
    expect(renderInlineMarkdown('![logo](https://exemple.fr/logo.png)')).toBe(
      `!<a href="https://exemple.fr/logo.png" rel="${MARKDOWN_LINK_REL}" target="_blank">logo</a>`,
    );
  });

  it('keeps any mix of markdown, HTML and URL fragments inert', () => {
    const fragment = fc.constantFrom(
      '<', '>', '[', ']', '(', ')', '!', '"', "'", '&', '#', ';', ':', '\\', '*', '_', '`', '-', '1. ', ' ', '\n', '\t', 'x',
      'javascript:', 'JaVaScRiPt:', 'data:', 'vbscript:', 'https://a.fr', 'mailto:x@y.fr', '//evil', 'onerror=', 'onload=', 'alert(1)',
      'script', 'img', 'svg', 'a href=', '&#106;', '&colon;', '&amp;', '&lt;', '%6A', '\u0000', '\u202f',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 40 }), (parts) => {
        const source = parts.join('');
        for (const [, render] of RENDERERS) expect(problemsOf(render(source))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('light markdown: what authors write', () => {
  it.each<[string, string, string]>([
    ['emphasis, strong and code', 'Un *petit* mot **important** et `du code`', 'Un <em>petit</em> mot <strong>important</strong> et <code>du code</code>'],
    ['underscores for emphasis, not inside words', '_vraiment_ : snake_case_key', '<em>vraiment</em> : snake_case_key'],
    ['a link', '[le site](https://exemple.fr/a?b=1&c=2)', `<a href="https://exemple.fr/a?b=1&amp;c=2" rel="${MARKDOWN_LINK_REL}" target="_blank">le site</a>`],
    ['a link with a title', '[site](https://exemple.fr "Le site")', `<a href="https://exemple.fr" title="Le site" rel="${MARKDOWN_LINK_REL}" target="_blank">site</a>`],
    ['a mailto link', '[écrivez-nous](mailto:contact@exemple.fr)', `<a href="mailto:contact@exemple.fr" rel="${MARKDOWN_LINK_REL}" target="_blank">écrivez-nous</a>`],
    ['an autolink', '<https://exemple.fr>', `<a href="https://exemple.fr" rel="${MARKDOWN_LINK_REL}" target="_blank">https://exemple.fr</a>`],
    ['a bare https URL', 'Voir https://exemple.fr/page.', `Voir <a href="https://exemple.fr/page" rel="${MARKDOWN_LINK_REL}" target="_blank">https://exemple.fr/page</a>.`],
    ['a bare host name, left as text', 'Voir exemple.fr ou www.exemple.fr', 'Voir exemple.fr ou www.exemple.fr'],
    ['an internationalised host name', '[x](https://café.fr)', `<a href="https://xn--caf-dma.fr" rel="${MARKDOWN_LINK_REL}" target="_blank">x</a>`],
    ['raw HTML, escaped', 'du <b>gras</b>', 'du &lt;b&gt;gras&lt;/b&gt;'],
    ['French typography, unchanged', '« Bonjour », dit l’équipe — c’est «\u202fsuper\u202f»\u202f! Les salarié·es…', '« Bonjour », dit l’équipe — c’est «\u202fsuper\u202f»\u202f! Les salarié·es…'],
    ['straight quotes, dashes and (c), unchanged (no typographer)', '"Oui" -- (c) ... \'non\'', '&quot;Oui&quot; -- (c) ... \'non\''],
    ['an escaped asterisk', '5 \\* 3', '5 * 3'],
  ])('renders %s inline', (_name, source, expected) => {
    expect(renderInlineMarkdown(source)).toBe(expected);
    expect(renderLightMarkdown(source)).toBe(`<p>${expected}</p>\n`);
  });

  it('renders paragraphs, line breaks, bullet and numbered lists in help texts', () => {
    const source = [
      'Répondez *franchement* :',
      'il n’y a pas de mauvaise réponse.',
      '',
      '- les salarié·es',
      '- les **bénévoles**',
      '',
      '3. d’abord',
      '4. ensuite',
    ].join('\n');
    expect(renderLightMarkdown(source)).toBe(
      [
        '<p>Répondez <em>franchement</em> :<br>',
        'il n’y a pas de mauvaise réponse.</p>',
        '<ul>',
        '<li>les salarié·es</li>',
        '<li>les <strong>bénévoles</strong></li>',
        '</ul>',
        '<ol start="3">',
        '<li>d’abord</li>',
        '<li>ensuite</li>',
        '</ol>',
        '',
      ].join('\n'),
    );
  });

  it('renders no block element in titles', () => {
    const html = renderInlineMarkdown('# Titre\n\n- un\n- deux\n\n> cité');
    expect(html).not.toMatch(/<(p|ul|ol|li|h\d|blockquote)\b/);
    expect(html).toBe('# Titre\n\n- un\n- deux\n\n&gt; cité');
  });

  it('leaves headings, quotes, code blocks, rules and tables as text in help texts', () => {
    expect(renderLightMarkdown('# Titre\n> cité\n\n    code\n\n---\n\n| a | b |\n|---|---|')).toBe(
      '<p># Titre<br>\n&gt; cité</p>\n<p>code</p>\n<p>---</p>\n<p>| a | b |<br>\n|---|---|</p>\n',
    );
  });

  it.each<[string, boolean]>([
    ['https://exemple.fr', true],
    ['HTTP://exemple.fr', true],
    ['mailto:a@b.fr', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['data:text/html,x', false],
    ['vbscript:x', false],
    ['ftp://exemple.fr', false],
    ['//exemple.fr', false],
    ['/relatif', false],
    ['', false],
  ])('allows %j as a link: %s', (url, allowed) => {
    expect(isAllowedLinkUrl(url)).toBe(allowed);
  });

  it('gives the same output whatever was rendered before (no state kept between calls)', () => {
    const source = 'Un [lien](https://exemple.fr) et *du texte*\n\n- a\n- b';
    const first = [renderLightMarkdown(source), renderInlineMarkdown(source)];
    renderLightMarkdown('[x][r]\n\n[r]: https://autre.fr');
    renderInlineMarkdown('*non fermé');
    expect([renderLightMarkdown(source), renderInlineMarkdown(source)]).toEqual(first);
  });
});
