/**
 * What a report is made of, as pure rules: its sections in reading order with their default
 * titles (French and English) and default charts, the limits of what a section holds, and the
 * checks of a section's content against what the evaluation has (its charts, its chosen stories,
 * its groups).
 */
import { localize, type CustomQuestion, type FieldError, type FrameworkContent, type Indicator, type Locale, type LocalizedText, type StakeholderGroupKey } from '#domain';

export const REPORT_SECTION_KINDS = ['summary', 'context', 'dimension', 'crossed', 'action-plan', 'conclusion'] as const;
export type ReportSectionKind = (typeof REPORT_SECTION_KINDS)[number];

export const VALIDATION_CAPACITIES = ['facilitator', 'contact'] as const;
export type ValidationCapacity = (typeof VALIDATION_CAPACITIES)[number];

export const RENDER_KINDS = ['draft', 'final'] as const;
export type RenderKind = (typeof RENDER_KINDS)[number];

export const RENDER_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];

/** What one section may hold: a long chapter, never an unbounded one. */
export const REPORT_LIMITS = {
  narrative: 50_000,
  title: 200,
  charts: 12,
  stories: 40,
  testimonies: 40,
  actions: 60,
  testimonyText: 5_000,
  testimonyName: 120,
  recommendation: 2_000,
  who: 200,
  when: 120,
} as const;

/** Dimension sections start with this many of their charts (indicator gaps, then distributions). */
export const DEFAULT_DIMENSION_CHARTS = 4;

/** A testimony written with the person; a name only with their consent. */
export interface SectionTestimony {
  text: string;
  name: string | null;
  groupKey: StakeholderGroupKey | null;
  consent: boolean;
}

/** A row of the action plan. */
export interface SectionAction {
  recommendation: string;
  who: string;
  when: string;
}

const TITLES: Record<Exclude<ReportSectionKind, 'dimension'>, Required<LocalizedText>> = {
  summary: { fr: 'Synthèse', en: 'Summary' },
  context: { fr: 'Contexte et démarche', en: 'Context and approach' },
  crossed: { fr: 'Regards croisés', en: 'Crossed perspectives' },
  'action-plan': { fr: 'Plan d’action', en: 'Action plan' },
  conclusion: { fr: 'Conclusion', en: 'Conclusion' },
};

export const DIMENSION_KEY_PREFIX = 'dimension:';

export function dimensionSectionKey(dimensionKey: string): string {
  return `${DIMENSION_KEY_PREFIX}${dimensionKey}`;
}

/** The dimension of a 'dimension:<key>' section, or null. */
export function sectionDimensionKey(sectionKey: string): string | null {
  return sectionKey.startsWith(DIMENSION_KEY_PREFIX) ? sectionKey.slice(DIMENSION_KEY_PREFIX.length) : null;
}

/** A dimension of the evaluation as the report needs it: its title and the ids of its charts, in dashboard order. */
export interface ReportDimension {
  key: string;
  title: LocalizedText;
  /** `gaps-indicators-<key>` then `distribution-<questionKey>` of its questions */
  chartIds: string[];
}

/**
 * The dimensions an evaluation kept, in framework order, with the ids of their charts as
 * `dashboardCharts()` names them: the indicator gaps, then the distribution of each question
 * (not open ones) asked of at least one of the evaluation's groups.
 */
export function structuralDimensions(
  content: FrameworkContent,
  dimensionKeys: readonly string[],
  customQuestions: readonly CustomQuestion[],
  groupKeys: readonly StakeholderGroupKey[],
): ReportDimension[] {
  const kept = new Set(dimensionKeys);
  return content.dimensions
    .filter((d) => kept.has(d.key))
    .map((d) => {
      const indicators: Indicator[] = [
        ...d.criteria.flatMap((c) => c.indicators),
        ...customQuestions.filter((q) => q.dimensionKey === d.key).map((q) => q.indicator),
      ];
      const distributions = indicators
        .filter((i) => i.kind !== 'text')
        .flatMap((i) => i.questions.filter((q) => q.audiences.some((a) => groupKeys.includes(a))).map((q) => `distribution-${q.key}`));
      return { key: d.key, title: d.title, chartIds: [`gaps-indicators-${d.key}`, ...distributions] };
    });
}

export interface PlannedSection {
  key: string;
  kind: ReportSectionKind;
  charts: string[];
}

/**
 * The sections of a new report, in reading order: summary (the dimension profile), context
 * (participation), one per chosen dimension in framework order (its first charts), crossed
 * perspectives (the dimension gaps), the action plan and the conclusion.
 */
export function plannedSections(dimensions: readonly ReportDimension[]): PlannedSection[] {
  return [
    { key: 'summary', kind: 'summary', charts: ['radar-dimensions'] },
    { key: 'context', kind: 'context', charts: ['participation'] },
    ...dimensions.map((d) => ({ key: dimensionSectionKey(d.key), kind: 'dimension' as const, charts: d.chartIds.slice(0, DEFAULT_DIMENSION_CHARTS) })),
    { key: 'crossed', kind: 'crossed', charts: ['gaps-dimensions'] },
    { key: 'action-plan', kind: 'action-plan', charts: [] },
    { key: 'conclusion', kind: 'conclusion', charts: [] },
  ];
}

/** Where a section goes in the report: sections are always read in the planned order. */
export function sectionOrder(keys: readonly string[], dimensions: readonly ReportDimension[]): string[] {
  const planned = plannedSections(dimensions).map((s) => s.key);
  const rank = (key: string) => {
    const index = planned.indexOf(key);
    return index === -1 ? planned.length : index;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A section's title: the one people wrote, or the default in the report's language. */
export function sectionTitle(section: { key: string; kind: ReportSectionKind; title: string | null }, dimensions: readonly ReportDimension[], locale: Locale): string {
  if (section.title !== null && section.title !== '') return section.title;
  if (section.kind === 'dimension') {
    const key = sectionDimensionKey(section.key);
    const dimension = dimensions.find((d) => d.key === key);
    return dimension ? localize(dimension.title, locale) : (key ?? section.key);
  }
  return TITLES[section.kind][locale];
}

/** What the evaluation offers a section to refer to. */
export interface SectionReferences {
  /** ids of `dashboardCharts()` for this evaluation now */
  chartIds: ReadonlySet<string>;
  /** answer ids of the evaluation's selected stories */
  storyIds: ReadonlySet<string>;
  /** the evaluation's groups */
  groupKeys: readonly StakeholderGroupKey[];
}

export interface SectionContent {
  charts?: string[];
  stories?: string[];
  testimonies?: SectionTestimony[];
  actions?: SectionAction[];
}

/**
 * The problems of a section's new content, with their paths. Ids already in the section are
 * kept without a check (a chart may vanish for a while as answers come in, a story may be
 * unselected: the report leaves them out, and the section still saves); a new id must be one
 * the evaluation has now.
 */
export function sectionContentErrors(
  kind: ReportSectionKind,
  current: { charts: readonly string[]; stories: readonly string[] },
  content: SectionContent,
  references: SectionReferences,
): FieldError[] {
  const errors: FieldError[] = [];
  content.charts?.forEach((id, index) => {
    if (!current.charts.includes(id) && !references.chartIds.has(id)) {
      errors.push({ path: `charts[${index}]`, code: 'unknown-chart', message: `${id} is not a chart of this evaluation's analysis` });
    }
  });
  content.stories?.forEach((id, index) => {
    if (!current.stories.includes(id) && !references.storyIds.has(id)) {
      errors.push({ path: `stories[${index}]`, code: 'story-not-selected', message: `${id} is not a story selected in this evaluation: choose it among the verbatims first` });
    }
  });
  content.testimonies?.forEach((testimony, index) => {
    if (testimony.name !== null && testimony.name !== '' && !testimony.consent) {
      errors.push({
        path: `testimonies[${index}].name`,
        code: 'consent-required',
        message: 'a testimony names its author only with their consent: set consent to true, or leave the name out',
      });
    }
    if (testimony.groupKey !== null && !references.groupKeys.includes(testimony.groupKey)) {
      errors.push({
        path: `testimonies[${index}].groupKey`,
        code: 'not-in-evaluation',
        message: `this evaluation has no ${testimony.groupKey} group; its groups are ${references.groupKeys.join(', ')}`,
      });
    }
  });
  if (kind !== 'action-plan' && content.actions !== undefined && content.actions.length > 0) {
    errors.push({ path: 'actions', code: 'not-action-plan', message: 'only the action-plan section has actions' });
  }
  return errors;
}
