import { createHash } from 'node:crypto';
import {
  MIN_K_THRESHOLD,
  VERBATIM_MASKING_VERSION,
  exemptFromK,
  foldText,
  type AnonymityMode,
  type CustomQuestion,
  type FrameworkContent,
  type StakeholderGroupKey,
} from '#domain';

/** Colours a theme may take (Mantine's palette names, which the web app renders). */
export const THEME_COLORS = ['blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'pink', 'grape', 'violet', 'indigo', 'gray'] as const;
export type ThemeColor = (typeof THEME_COLORS)[number];

export const THEME_LABEL_MAX = 80;
export const THEME_DESCRIPTION_MAX = 500;
/** A code book stays readable: beyond this, themes should be merged. */
export const MAX_THEMES_PER_EVALUATION = 100;
/** Why a story was chosen: a sentence at least, a page at most. */
export const SELECTION_REASON = { min: 3, max: 2000 } as const;
export const VERBATIMS_PAGE = { default: 50, max: 200 } as const;

/** Characters that show nothing: zero-width space, non-joiner and joiner, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * What makes two theme labels the same: case, accents, surrounding spaces and invisible
 * characters do not count (a look-alike label with a zero-width space is the same theme).
 */
export function themeLabelKey(label: string): string {
  return foldText(label.replace(INVISIBLE, '')).trim();
}

/**
 * A group whose verbatims are not listed, coded or chosen, whatever the filter: fewer than k
 * counted submissions (submitted, not excluded). The same rule as the analysis (`exemptFromK`):
 * the self-assessment, unless anonymous, is the organization speaking about itself and is not
 * held to k.
 */
export function verbatimsHidden(group: { groupKey: StakeholderGroupKey; anonymity: AnonymityMode; submitted: number }, k: number): boolean {
  return !exemptFromK(group) && group.submitted < Math.max(k, MIN_K_THRESHOLD);
}

/** Where each open answer of an evaluation comes from: its indicator and dimension. */
export interface VerbatimStructure {
  /** question key → indicator and dimension, for the questions that may have open text */
  questions: Map<string, { indicatorKey: string; dimensionKey: string }>;
  /** the evaluation's dimensions, in its order */
  dimensionKeys: readonly string[];
}

/**
 * The questions of an evaluation that can carry open text: those of text indicators (stories) and
 * those with a "pourquoi ?" comment, in the dimensions the evaluation kept, custom ones included.
 */
export function verbatimStructure(content: FrameworkContent, dimensionKeys: readonly string[], customQuestions: readonly CustomQuestion[]): VerbatimStructure {
  const kept = new Set(dimensionKeys);
  const questions = new Map<string, { indicatorKey: string; dimensionKey: string }>();
  for (const dimension of content.dimensions) {
    if (!kept.has(dimension.key)) continue;
    const indicators = [
      ...dimension.criteria.flatMap((criterion) => criterion.indicators),
      ...customQuestions.filter((item) => item.dimensionKey === dimension.key).map((item) => item.indicator),
    ];
    for (const indicator of indicators) {
      for (const question of indicator.questions) {
        if (indicator.kind === 'text' || question.why !== undefined) questions.set(question.key, { indicatorKey: indicator.key, dimensionKey: dimension.key });
      }
    }
  }
  return { questions, dimensionKeys };
}

/** Says with which names (and rules) a text was masked: masked texts are made again when it changes. */
export function maskingKey(names: readonly string[]): string {
  const sorted = [...new Set(names.map((n) => n.normalize('NFC').trim()).filter(Boolean))].sort();
  return createHash('sha256').update(JSON.stringify([VERBATIM_MASKING_VERSION, sorted])).digest('hex');
}

/** An answer row id in a path: digits, within PostgreSQL's bigint. */
export function parseAnswerId(value: string): string | null {
  if (!/^[1-9]\d{0,18}$/.test(value)) return null;
  return BigInt(value) <= 9223372036854775807n ? value : null;
}

