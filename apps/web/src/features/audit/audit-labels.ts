import { isStakeholderGroupKey } from '#domain/stakeholder-group';
import type { TFunction } from 'i18next';
import { isEvaluationStatus } from '#domain/evaluation-status';
import type { Locale } from '../../api/types';
import { isOrganizationRole, roleLabel } from '../../components/role-labels';
import { statusLabel } from '../evaluations/evaluation-labels';
import { groupLabel } from '../sessions/session-labels';
import type { AuditDetailValue, AuditEvent } from './audit-api';
import { auditFr } from './messages';

const WORKSPACE_ROLES = new Set(['admin', 'facilitator', 'viewer']);

type Actions = typeof auditFr.actions;
/** An action with words of its own: "membership.role-changed" is `audit.actions.membership.role-changed`. */
type KnownAction = { [Category in keyof Actions]: `${Category}.${Extract<keyof Actions[Category], string>}` }[keyof Actions];

function isKnownAction(action: string): action is KnownAction {
  const dot = action.indexOf('.');
  const verbs: Record<string, string> | undefined = (auditFr.actions as Record<string, Record<string, string>>)[action.slice(0, dot)];
  return dot > 0 && verbs !== undefined && Object.hasOwn(verbs, action.slice(dot + 1));
}

/** A recorded value in words: roles, stages and groups by their names, the rest as recorded. */
function wordsFor(key: string, value: AuditDetailValue, action: string, t: TFunction, locale: Locale): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  const text = String(value);
  if ((key === 'role' || key === 'from' || key === 'to') && (WORKSPACE_ROLES.has(text) || isOrganizationRole(text))) {
    return roleLabel(text as Parameters<typeof roleLabel>[0], t);
  }
  if ((key === 'from' || key === 'to') && action === 'evaluation.status-changed' && isEvaluationStatus(text)) return statusLabel(text, t);
  if (key === 'groupKey' && isStakeholderGroupKey(text)) return groupLabel(text, locale);
  if (key === 'format') return text.toUpperCase();
  return text;
}

/** "Rôle changé : Accompagnateur·ice → Lecteur·ice": what happened, in the interface language. */
export function actionInWords(event: AuditEvent, t: TFunction, locale: Locale): string {
  if (!isKnownAction(event.action)) return t('audit.unknownAction', { action: event.action });
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.details)) values[key] = wordsFor(key, value, event.action, t, locale);
  // Filled here rather than by i18next: a value that was not recorded reads as nothing (not
  // "{{role}}") and its empty parentheses go; recorded values are never read as i18next syntax.
  const template = t(`audit.actions.${event.action}`, { skipInterpolation: true });
  return fill(template, values).replace(/\s*\(\s*\)/g, '').trim();
}

/** Replaces each {{name}} with its value; a missing value leaves an empty string. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => values[name] ?? '');
}

/** "Camille Martin · personne", or the kind of record alone when it has no name. */
export function targetInWords(event: AuditEvent, t: TFunction): { label: string | null; kind: string } | null {
  if (!event.target) return null;
  const kind = t(`audit.targetTypes.${event.target.type}`, { defaultValue: event.target.type });
  const label = event.target.label ?? (event.target.type === 'user' ? t('audit.deletedAccount') : null);
  return { label, kind };
}

/** Day and time in the interface language ("27 nov. 2026, 08:10"). */
export function formatEventTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
