import { Button, Stack, Title } from '@mantine/core';
import type { FrameworkError } from '#domain/framework-validation';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { IconPlus } from '../../../components/icons';
import { itemOfPath, pathString, samePath, type ItemLevel, type ItemPath } from './content-ops';
import { useEditor } from './editor-context';
import { itemLabel } from './item-label';

/** Errors per item, counting those of its descendants (keyed by `pathString`). */
function errorCounts(errors: readonly FrameworkError[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const error of errors) {
    const { item } = itemOfPath(error.path);
    for (let depth = 0; depth <= item.length; depth += 1) {
      const key = pathString(item.slice(0, depth));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

interface OutlineProps {
  selected: ItemPath;
  errors: readonly FrameworkError[];
  onSelect: (path: ItemPath) => void;
  onAddDimension: () => void;
}

/** Dimensions → criteria → indicators → questions, as nested lists of buttons. */
export function Outline({ selected, errors, onSelect, onAddDimension }: OutlineProps) {
  const { t } = useTranslation();
  const { content, readOnly } = useEditor();
  const counts = useMemo(() => errorCounts(errors), [errors]);

  const entry = (path: ItemPath, level: ItemLevel) => (
    <OutlineButton
      path={path}
      level={level}
      label={path.length === 0 ? t('frameworks.editor.frameworkItem') : itemLabel(content, path, t)}
      errors={path.length === 0 ? countOwn(counts) : (counts.get(pathString(path)) ?? 0)}
      current={samePath(path, selected)}
      onSelect={onSelect}
    />
  );

  return (
    <Stack gap="sm" component="nav" aria-labelledby="outline-title">
      <Title order={2} size="h3" id="outline-title">
        {t('frameworks.editor.outline')}
      </Title>
      <ul className="outline-tree">
        <li>{entry([], 'framework')}</li>
        {content.dimensions.map((dimension, d) => (
          <li key={`d${d}`}>
            {entry([d], 'dimension')}
            {dimension.criteria.length > 0 && (
              <ul>
                {dimension.criteria.map((criterion, c) => (
                  <li key={`c${c}`}>
                    {entry([d, c], 'criterion')}
                    {criterion.indicators.length > 0 && (
                      <ul>
                        {criterion.indicators.map((indicator, i) => (
                          <li key={`i${i}`}>
                            {entry([d, c, i], 'indicator')}
                            {indicator.questions.length > 0 && (
                              <ul>
                                {indicator.questions.map((_, q) => (
                                  <li key={`q${q}`}>{entry([d, c, i, q], 'question')}</li>
                                ))}
                              </ul>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div>
          <Button variant="light" size="compact-md" leftSection={<IconPlus size={16} />} onClick={onAddDimension}>
            {t('frameworks.editor.add.dimension')}
          </Button>
        </div>
      )}
    </Stack>
  );
}

/** Errors on the framework's own fields (title, licence, sources…), not inside a dimension. */
function countOwn(counts: Map<string, number>): number {
  const total = counts.get('') ?? 0;
  let inDimensions = 0;
  for (const [key, count] of counts) if (/^dimensions\[\d+\]$/.test(key)) inDimensions += count;
  return total - inDimensions;
}

function OutlineButton({
  path,
  level,
  label,
  errors,
  current,
  onSelect,
}: {
  path: ItemPath;
  level: ItemLevel;
  label: string;
  errors: number;
  current: boolean;
  onSelect: (path: ItemPath) => void;
}) {
  const { t } = useTranslation();
  return (
    <button type="button" className="outline-item" aria-current={current ? 'true' : undefined} onClick={() => onSelect(path)}>
      <span className="visually-hidden">
        {t(`frameworks.editor.levels.${level}`)}
        {t('common.colon')}
      </span>
      <span className="outline-item-text" title={label}>
        {label}
      </span>
      {errors > 0 && (
        <span className="outline-error">
          <span aria-hidden="true">{errors}</span>
          <span className="visually-hidden">{t('frameworks.editor.errorsInItem', { count: errors })}</span>
        </span>
      )}
    </button>
  );
}
