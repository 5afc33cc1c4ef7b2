import type { FrameworkContent } from '#domain/framework';
import type { FrameworkError } from '#domain/framework-validation';
import { createContext, useContext } from 'react';
import type { KeyKind } from './content-ops';

/** Applies an edit to a fresh copy of the working content. */
export type UpdateContent = (edit: (draft: FrameworkContent) => void) => void;

export interface EditorContextValue {
  content: FrameworkContent;
  readOnly: boolean;
  update: UpdateContent;
  /** Validation problems by exact path (`dimensions[0].title.fr`). */
  errorsByPath: ReadonlyMap<string, readonly FrameworkError[]>;
  /** Keys created in this session that still follow their item's title. */
  autoKeys: AutoKeys;
}

export interface AutoKeys {
  has(kind: KeyKind | 'choice', key: string): boolean;
  add(kind: KeyKind | 'choice', key: string): void;
  remove(kind: KeyKind | 'choice', key: string): void;
}

export function createAutoKeys(): AutoKeys {
  const keys = new Set<string>();
  return {
    has: (kind, key) => keys.has(`${kind}:${key}`),
    add: (kind, key) => void keys.add(`${kind}:${key}`),
    remove: (kind, key) => void keys.delete(`${kind}:${key}`),
  };
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor used outside EditorContext');
  return value;
}

/** A DOM id for the input of a content path, so that an error in the summary can focus it. */
export function fieldId(path: string): string {
  return `fw-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
}
