import { Alert } from '@mantine/core';
import type { FrameworkContent } from '#domain/framework';
import type { FrameworkError } from '#domain/framework-validation';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { IconAlert } from '../../../components/icons';
import { isStakeholderGroupKey } from '#domain/stakeholder-group';
import { groupLabel } from '../framework-labels';
import { problemText } from '../problem-text';
import { itemOfPath, levelOf } from './content-ops';
import { itemLabel } from './item-label';

const FIELD_LABELS: Record<string, (t: TFunction) => string> = {
  title: (t) => t('frameworks.editor.fields.title'),
  key: (t) => t('frameworks.editor.fields.key'),
  description: (t) => t('frameworks.editor.fields.description'),
  introduction: (t) => t('frameworks.editor.fields.introduction'),
  licence: (t) => t('frameworks.editor.fields.licence'),
  sources: (t) => t('frameworks.editor.fields.sources'),
  level: (t) => t('frameworks.editor.fields.level'),
  unit: (t) => t('frameworks.editor.fields.unit'),
  kind: (t) => t('frameworks.editor.fields.kind'),
  scale: (t) => t('frameworks.editor.fields.answerFormat'),
  quantity: (t) => t('frameworks.editor.fields.answerFormat'),
  text: (t) => t('frameworks.editor.fields.answerFormat'),
  choices: (t) => t('frameworks.editor.fields.choices'),
  scoring: (t) => t('frameworks.editor.fields.scoring'),
  dontKnow: (t) => t('frameworks.editor.fields.dontKnow'),
  audiences: (t) => t('frameworks.editor.fields.audiences'),
  wording: (t) => t('frameworks.editor.fields.wordingLegend'),
  help: (t) => t('frameworks.editor.fields.help'),
  required: (t) => t('frameworks.editor.fields.required'),
  visibleIf: (t) => t('frameworks.editor.fields.visibleIf'),
  why: (t) => t('frameworks.editor.fields.why'),
  dimensions: (t) => t('frameworks.editor.children.framework'),
  criteria: (t) => t('frameworks.editor.children.dimension'),
  indicators: (t) => t('frameworks.editor.children.criterion'),
  questions: (t) => t('frameworks.editor.children.indicator'),
};

/** "Dimension « Coopération » › Titre": where a problem is, in words. */
export function describeLocation(content: FrameworkContent, path: string, t: TFunction): string {
  const { item, rest } = itemOfPath(path);
  const parts: string[] = [];
  for (let depth = 1; depth <= item.length; depth += 1) {
    const at = item.slice(0, depth);
    parts.push(`${t(`frameworks.editor.levels.${levelOf(at)}`)} «\u202f${itemLabel(content, at, t)}\u202f»`);
  }
  if (item.length === 0) parts.push(t('frameworks.editor.levels.framework'));
  const field = fieldLabel(rest, t);
  if (field) parts.push(field);
  return parts.join(' › ');
}

/** "wording.staff.fr" → "Formulation — Salarié·es (français)"; "title.en" → "Titre (anglais)". */
function fieldLabel(rest: string, t: TFunction): string | undefined {
  const wording = /^wording\.([a-z_]+)/.exec(rest);
  const name = /^[A-Za-z]+/.exec(rest)?.[0];
  let label: string | undefined;
  if (wording && isStakeholderGroupKey(wording[1])) label = t('frameworks.editor.fields.wording', { group: groupLabel(wording[1]) });
  else if (name) label = FIELD_LABELS[name]?.(t);
  if (!label) return undefined;
  if (rest.endsWith('.fr')) return t('frameworks.editor.fields.french', { label });
  if (rest.endsWith('.en')) return t('frameworks.editor.fields.english', { label });
  return label;
}

/** Every validation problem, each a link to its field. */
export function ErrorSummary({
  content,
  errors,
  onGo,
}: {
  content: FrameworkContent;
  errors: readonly FrameworkError[];
  onGo: (path: string) => void;
}) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlert />}
      title={t('frameworks.editor.validation.summaryTitle', { count: errors.length })}
      component="section"
      // A region named by its title ("3 erreurs à corriger…"), not an alert: it changes as one types.
      role="region"
    >
      <ul className="error-summary-list">
        {errors.map((error, index) => (
          <li key={`${error.path}-${error.code}-${index}`}>
            <button type="button" className="error-link" onClick={() => onGo(error.path)}>
              <span className="error-where">{describeLocation(content, error.path, t)}</span>
              {t('common.colon')}
              {problemText(error, t).main}
            </button>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
