import type { LocalizedText } from '#domain/locale';
import { criterionAt, dimensionAt, indicatorAt, keyFromText, type ItemPath, type KeyKind } from './content-ops';
import { useEditor } from './editor-context';

/**
 * Title edits: while an item created in this session keeps the key generated for it, the key
 * follows the French title; once someone edits the key, it stays as written.
 */
export function useTitleAndKey(path: ItemPath, kind: Exclude<KeyKind, 'question'>) {
  const { content, update, autoKeys } = useEditor();
  const get = (draft: typeof content) =>
    kind === 'dimension' ? dimensionAt(draft, path) : kind === 'criterion' ? criterionAt(draft, path) : indicatorAt(draft, path);
  const item = get(content);

  function setTitle(next: LocalizedText | undefined) {
    if (!item) return;
    const title = next ?? { fr: '' };
    let key = item.key;
    if (autoKeys.has(kind, item.key) && title.fr.trim()) {
      key = keyFromText(content, kind, title.fr, item.key);
      autoKeys.remove(kind, item.key);
      autoKeys.add(kind, key);
    }
    update((draft) => {
      const target = get(draft);
      if (!target) return;
      target.title = title;
      target.key = key;
    });
  }

  function setKey(key: string) {
    if (!item) return;
    autoKeys.remove(kind, item.key);
    update((draft) => {
      const target = get(draft);
      if (target) target.key = key;
    });
  }

  return { item, setTitle, setKey };
}
