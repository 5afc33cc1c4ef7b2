import { Alert, Button, Paper, Stack, Tabs } from '@mantine/core';
import type { FrameworkContent } from '#domain/framework';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PreviewPanel } from '../preview/preview-panel';
import { itemAt, itemOfPath, type ItemPath } from './content-ops';
import { EditorContext, createAutoKeys, fieldId, type EditorContextValue, type UpdateContent } from './editor-context';
import { ErrorSummary } from './error-summary';
import { ItemForm, useAddChild, type SelectItem } from './item-form';
import { Outline } from './outline';
import type { FrameworkValidation } from './use-validation';
import '../frameworks.css';

const WIDE = '(min-width: 62em)';
const FOCUSABLE = 'input:not([type=hidden]), textarea, select, button';

/** The element to focus for a content path: its field, else its French input, else the nearest enclosing field. */
function fieldElement(path: string): HTMLElement | null {
  const candidates = [path, `${path}.fr`];
  let trimmed = path;
  while (trimmed.includes('.') || trimmed.endsWith(']')) {
    trimmed = trimmed.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
    if (!trimmed) break;
    candidates.push(trimmed, `${trimmed}.fr`);
  }
  for (const candidate of candidates) {
    const element = document.getElementById(fieldId(candidate));
    if (!element) continue;
    if (element.matches(FOCUSABLE)) return element;
    const inner = element.querySelector<HTMLElement>(FOCUSABLE);
    if (inner) return inner;
  }
  return null;
}

interface WorkbenchProps {
  content: FrameworkContent;
  validation: FrameworkValidation;
  /** Undefined: read-only (a published version, a viewer, the commons). */
  update?: UpdateContent;
  /** Shown above the content (save problems…). */
  notices?: ReactNode;
}

/** The outline, the form of the selected item and the live preview, on one working copy. */
export function FrameworkWorkbench({ content, validation, update, notices }: WorkbenchProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<ItemPath>([]);
  const [tab, setTab] = useState<string | null>('content');
  const [autoKeys] = useState(createAutoKeys);
  const wide = useMediaQuery(WIDE, window.matchMedia(WIDE).matches, { getInitialValueInEffect: false });
  const [outlineOpen, setOutlineOpen] = useState(true);
  const pendingFocus = useRef<string | false | undefined>(false);
  const formRef = useRef<HTMLDivElement>(null);

  const select: SelectItem = useCallback((path, focus) => {
    setSelected([...path]);
    pendingFocus.current = focus;
  }, []);

  // After a selection: focus what was asked (a field, the form's heading) and bring it into view.
  useEffect(() => {
    const focus = pendingFocus.current;
    pendingFocus.current = false;
    if (focus === false) return;
    const frame = window.requestAnimationFrame(() => {
      const target = focus === undefined ? document.getElementById('item-form-title') : fieldElement(focus);
      if (!target) return;
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: focus === undefined ? 'start' : 'center', behavior: 'auto' });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [selected]);

  // A selection that no longer exists (an item removed, a reload) falls back to the framework.
  const current = itemAt(content, selected) ? selected : [];

  const noop: UpdateContent = useCallback(() => undefined, []);
  const context: EditorContextValue = useMemo(
    () => ({ content, readOnly: update === undefined, update: update ?? noop, errorsByPath: validation.errorsByPath, autoKeys }),
    [content, update, noop, validation.errorsByPath, autoKeys],
  );

  const goToError = useCallback(
    (path: string) => {
      setTab('content');
      const { item } = itemOfPath(path);
      select(item, path);
    },
    [select],
  );

  return (
    <EditorContext.Provider value={context}>
      <AddDimension onSelect={select}>
        {(addDimension) => (
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="content">{t('frameworks.editor.tabs.content')}</Tabs.Tab>
              <Tabs.Tab value="preview">{t('frameworks.editor.tabs.preview')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="content" pt="md">
              <Stack gap="md">
                {notices}
                {update && <ErrorSummary content={content} errors={validation.errors} onGo={goToError} />}
                <div className="editor-layout">
                  <Paper p="md" className="editor-outline-panel">
                    {!wide && (
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        mb="xs"
                        aria-expanded={outlineOpen}
                        aria-controls="framework-outline"
                        onClick={() => setOutlineOpen((open) => !open)}
                      >
                        {outlineOpen ? t('frameworks.editor.hideOutline') : t('frameworks.editor.showOutline')}
                      </Button>
                    )}
                    <div id="framework-outline" hidden={!wide && !outlineOpen}>
                      <Outline
                        selected={current}
                        errors={validation.errors}
                        onSelect={(path) => {
                          // Wide: the outline keeps the focus (browse with the keyboard); the form comes into view.
                          select(path, wide ? false : undefined);
                          if (wide) {
                            window.requestAnimationFrame(() => {
                              const form = formRef.current;
                              if (form && form.getBoundingClientRect().top < 0) form.scrollIntoView({ block: 'start' });
                            });
                          }
                        }}
                        onAddDimension={addDimension}
                      />
                    </div>
                  </Paper>
                  <div ref={formRef}>
                    <ItemForm path={current} onSelect={select} />
                  </div>
                </div>
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="preview" pt="md">
              {validation.valid ? (
                <PreviewPanel content={validation.valid} />
              ) : (
                <Alert color="#8a5300" variant="light" role="note">
                  {t('frameworks.preview.invalid')}
                </Alert>
              )}
            </Tabs.Panel>
          </Tabs>
        )}
      </AddDimension>
    </EditorContext.Provider>
  );
}

/** Gives the outline's "add a dimension" button the same behaviour as the forms' add buttons. */
function AddDimension({ onSelect, children }: { onSelect: SelectItem; children: (add: () => void) => ReactNode }) {
  const addChild = useAddChild(onSelect);
  return <>{children(() => addChild([]))}</>;
}
