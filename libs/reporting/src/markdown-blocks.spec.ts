import { describe, expect, it } from '@jest/globals';
import { markdownBlocks } from './markdown-blocks.js';

const plain = (text: string) => ({ text, bold: false, italic: false, code: false });

describe('the narrative markdown', () => {
  it('gives nothing for an empty narrative', () => {
    expect(markdownBlocks('')).toEqual([]);
    expect(markdownBlocks('  \n\n  ')).toEqual([]);
  });

  it('reads paragraphs with bold, italic and line breaks', () => {
    expect(markdownBlocks('Un **lien** *fort*\nici.\n\nSecond.')).toEqual([
      { kind: 'paragraph', spans: [plain('Un '), { ...plain('lien'), bold: true }, plain(' '), { ...plain('fort'), italic: true }, plain('\nici.')] },
      { kind: 'paragraph', spans: [plain('Second.')] },
    ]);
  });

  it.each([
    ['# Titre', 1],
    ['## Titre', 2],
    ['### Titre', 3],
    ['#### Titre', 3],
  ] as const)('reads %p as a heading of level %p', (source, level) => {
    expect(markdownBlocks(source)).toEqual([{ kind: 'heading', level, spans: [plain('Titre')] }]);
  });

  it('reads bullet and numbered lists, with their start', () => {
    expect(markdownBlocks('- un\n- deux\n\n3. trois\n4. quatre')).toEqual([
      { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'paragraph', spans: [plain('un')] }], [{ kind: 'paragraph', spans: [plain('deux')] }]] },
      { kind: 'list', ordered: true, start: 3, items: [[{ kind: 'paragraph', spans: [plain('trois')] }], [{ kind: 'paragraph', spans: [plain('quatre')] }]] },
    ]);
  });

  it('reads quotes, code and rules', () => {
    expect(markdownBlocks('> cité\n\n---\n\n    code')).toEqual([
      { kind: 'quote', blocks: [{ kind: 'paragraph', spans: [plain('cité')] }] },
      { kind: 'rule' },
      { kind: 'code', text: 'code' },
    ]);
  });

  it('keeps raw HTML as literal text', () => {
    expect(markdownBlocks('<script>alert(1)</script>\n\nDu <b>gras</b>')).toEqual([
      { kind: 'paragraph', spans: [plain('<script>alert(1)</script>')] },
      { kind: 'paragraph', spans: [plain('Du <b>gras</b>')] },
    ]);
  });

  it('shows a link as its words and an image as its alternative text, never their addresses', () => {
    expect(markdownBlocks('Voir [le site](https://example.org) et ![le logo](https://example.org/l.png) <https://example.org/x>')).toEqual([
      { kind: 'paragraph', spans: [plain('Voir le site et le logo https://example.org/x')] },
    ]);
  });
});
