import { isAllowedLinkUrl, MARKDOWN_LINK_REL } from '#domain/markdown';
import MarkdownIt, { type Token } from 'markdown-it';
import { Fragment, useMemo, type ReactNode } from 'react';

/**
 * A section's narrative as the PDF lays it out: paragraphs, `###` subheadings, lists, quotes,
 * emphasis, code and links. The markdown is parsed by the same markdown-it setup as
 * `#domain/markdown` (the "zero" preset, raw HTML off, http/https/mailto links only), with the
 * report's extra blocks, and its tokens become React elements: no HTML string ever reaches the
 * DOM, so there is nothing to sanitise after the fact.
 */
const parser = new MarkdownIt('zero', { html: false, breaks: true, linkify: true, typographer: false });
parser.enable(['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'entity', 'linkify', 'list', 'heading', 'blockquote']);
parser.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
parser.validateLink = isAllowedLinkUrl;

/** Block tags the walk knows; any other opening tag is rendered as a paragraph. */
const BLOCKS: Record<string, 'p' | 'ul' | 'ol' | 'li' | 'blockquote' | 'h4'> = {
  paragraph_open: 'p',
  bullet_list_open: 'ul',
  ordered_list_open: 'ol',
  list_item_open: 'li',
  blockquote_open: 'blockquote',
  // The section's title is the heading above: every subheading of the text sits one level below it.
  heading_open: 'h4',
};
const INLINE_MARKS: Record<string, 'em' | 'strong' | 'a'> = { em_open: 'em', strong_open: 'strong', link_open: 'a' };

function inline(tokens: Token[], start: number, end: string | null, key: string): [ReactNode[], number] {
  const out: ReactNode[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (end !== null && token.type === end) return [out, i + 1];
    const k = `${key}.${i}`;
    if (token.type === 'text') out.push(token.content);
    else if (token.type === 'softbreak' || token.type === 'hardbreak') out.push(<br key={k} />);
    else if (token.type === 'code_inline') out.push(<code key={k}>{token.content}</code>);
    else if (token.type in INLINE_MARKS) {
      const tag = INLINE_MARKS[token.type]!;
      const [children, next] = inline(tokens, i + 1, token.type.replace('_open', '_close'), k);
      i = next;
      if (tag === 'a') {
        const href = token.attrGet('href') ?? '';
        out.push(
          isAllowedLinkUrl(href) ? (
            <a key={k} href={href} target="_blank" rel={MARKDOWN_LINK_REL}>
              {children}
            </a>
          ) : (
            <span key={k}>{children}</span>
          ),
        );
      } else {
        const Tag = tag;
        out.push(<Tag key={k}>{children}</Tag>);
      }
      continue;
    } else if (token.children) out.push(...inline(token.children, 0, null, k)[0]);
    else if (token.content) out.push(token.content);
    i += 1;
  }
  return [out, i];
}

function blocks(tokens: Token[], start: number, end: string | null): [ReactNode[], number] {
  const out: ReactNode[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (end !== null && token.type === end) return [out, i + 1];
    if (token.type === 'inline') {
      out.push(...inline(token.children ?? [], 0, null, `i${i}`)[0]);
      i += 1;
    } else if (token.nesting === 1) {
      const Tag = BLOCKS[token.type] ?? 'p';
      const [children, next] = blocks(tokens, i + 1, token.type.replace('_open', '_close'));
      // The paragraphs of a tight list are hidden: their text goes straight into the item.
      out.push(token.hidden ? <Fragment key={`b${i}`}>{children}</Fragment> : <Tag key={`b${i}`}>{children}</Tag>);
      i = next;
    } else {
      i += 1;
    }
  }
  return [out, i];
}

export function MarkdownView({ text, className, id, label }: { text: string; className?: string; id?: string; label?: string }) {
  const content = useMemo(() => blocks(parser.parse(text, {}), 0, null)[0], [text]);
  return (
    <div className={className} id={id} aria-label={label} role={label ? 'region' : undefined}>
      {content}
    </div>
  );
}
