/**
 * The narrative's markdown as blocks the report lays out: paragraphs, headings (`#`, `##`, `###`),
 * bullet and numbered lists, quotes, code, rules; inline bold, italic and code. Parsed with
 * markdown-it's CommonMark preset, raw HTML off: `<b>` or `<script>` stay literal text. A link is
 * its text (no address is shown or followed), an image is its alternative text. Pure.
 */
import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

export interface InlineSpan {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
}

export type MarkdownBlock =
  | { kind: 'paragraph'; spans: InlineSpan[] }
  | { kind: 'heading'; level: 1 | 2 | 3; spans: InlineSpan[] }
  | { kind: 'list'; ordered: boolean; start: number; items: MarkdownBlock[][] }
  | { kind: 'quote'; blocks: MarkdownBlock[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

const parser = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false, breaks: true });

function inlineSpans(token: Token): InlineSpan[] {
  const spans: InlineSpan[] = [];
  let bold = 0;
  let italic = 0;
  const push = (text: string, code = false) => {
    if (text === '') return;
    const last = spans[spans.length - 1];
    const style = { bold: bold > 0, italic: italic > 0, code };
    if (last && last.bold === style.bold && last.italic === style.italic && last.code === style.code) last.text += text;
    else spans.push({ text, ...style });
  };
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
        push(child.content);
        break;
      case 'code_inline':
        push(child.content, true);
        break;
      case 'softbreak':
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold = Math.max(0, bold - 1);
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic = Math.max(0, italic - 1);
        break;
      case 'image':
        // The alternative text, never the address.
        push(child.children?.map((c) => c.content).join('') ?? child.content);
        break;
      case 'html_inline':
        push(child.content);
        break;
      default:
        // link_open / link_close: the link's text is drawn, its address is not.
        break;
    }
  }
  return spans;
}

function parseBlocks(tokens: Token[], start: number, end: number): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let i = start;
  const closing = (from: number, open: string, close: string): number => {
    let depth = 0;
    for (let j = from; j < end; j++) {
      if (tokens[j]!.type === open) depth++;
      else if (tokens[j]!.type === close && --depth === 0) return j;
    }
    return end - 1;
  };
  while (i < end) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (inline?.type === 'inline') {
          const spans = inlineSpans(inline);
          if (spans.some((s) => s.text.trim() !== '')) blocks.push({ kind: 'paragraph', spans });
        }
        i = closing(i, 'paragraph_open', 'paragraph_close') + 1;
        break;
      }
      case 'heading_open': {
        const inline = tokens[i + 1];
        const level = Math.min(3, Math.max(1, Number(token.tag.slice(1)) || 1)) as 1 | 2 | 3;
        if (inline?.type === 'inline') {
          const spans = inlineSpans(inline);
          if (spans.some((s) => s.text.trim() !== '')) blocks.push({ kind: 'heading', level, spans });
        }
        i = closing(i, 'heading_open', 'heading_close') + 1;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const close = closing(i, token.type, ordered ? 'ordered_list_close' : 'bullet_list_close');
        const items: MarkdownBlock[][] = [];
        let j = i + 1;
        while (j < close) {
          if (tokens[j]!.type === 'list_item_open') {
            const itemClose = closing(j, 'list_item_open', 'list_item_close');
            items.push(parseBlocks(tokens, j + 1, itemClose));
            j = itemClose + 1;
          } else j++;
        }
        const startAttr = Number(token.attrGet('start') ?? 1);
        blocks.push({ kind: 'list', ordered, start: Number.isFinite(startAttr) ? startAttr : 1, items });
        i = close + 1;
        break;
      }
      case 'blockquote_open': {
        const close = closing(i, 'blockquote_open', 'blockquote_close');
        const inner = parseBlocks(tokens, i + 1, close);
        if (inner.length > 0) blocks.push({ kind: 'quote', blocks: inner });
        i = close + 1;
        break;
      }
      case 'code_block':
      case 'fence':
      case 'html_block':
        if (token.content.trim() !== '') blocks.push({ kind: 'code', text: token.content.replace(/\n+$/, '') });
        i++;
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        i++;
        break;
      default:
        i++;
    }
  }
  return blocks;
}

export function markdownBlocks(markdown: string): MarkdownBlock[] {
  if (markdown.trim() === '') return [];
  const tokens = parser.parse(markdown, {});
  return parseBlocks(tokens, 0, tokens.length);
}
