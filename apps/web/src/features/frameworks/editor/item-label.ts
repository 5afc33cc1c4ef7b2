import type { FrameworkContent } from '#domain/framework';
import type { TFunction } from 'i18next';
import { itemAt, type ItemPath } from './content-ops';

const MAX = 90;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
}

/** What the outline and headings call an item: its French title (a question: its first wording), else its key. */
export function itemLabel(content: FrameworkContent, path: ItemPath, t: TFunction): string {
  const item = itemAt(content, path);
  if (!item) return t('frameworks.editor.untitled');
  if ('audiences' in item) {
    const first = item.audiences.map((audience) => item.wording[audience]?.fr ?? '').find((text) => text.trim() !== '');
    return first ? shorten(first) : t('frameworks.editor.questionLabel', { n: (path[3] ?? 0) + 1 });
  }
  if (item.title.fr.trim()) return shorten(item.title.fr);
  if ('key' in item && item.key) return item.key;
  return t('frameworks.editor.untitled');
}
