/**
 * The rules of an evaluation's life: the statuses it moves through and the allowed transitions,
 * what may still be edited in each status, the anonymity mode of each stakeholder group (and
 * when it may change), and the anonymity threshold k.
 */

export const EVALUATION_STATUSES = ['draft', 'collecting', 'analysing', 'reporting', 'closed'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/**
 * Where each status may go next. `analysing → collecting` reopens the collection (a group that
 * answered too little); a closed evaluation never moves again.
 */
export const EVALUATION_TRANSITIONS: Readonly<Record<EvaluationStatus, readonly EvaluationStatus[]>> = {
  draft: ['collecting'],
  collecting: ['analysing'],
  analysing: ['collecting', 'reporting'],
  reporting: ['closed'],
  closed: [],
};

export function isEvaluationStatus(value: unknown): value is EvaluationStatus {
  return typeof value === 'string' && (EVALUATION_STATUSES as readonly string[]).includes(value);
}

/** The statuses an evaluation in `from` may move to. */
export function allowedTransitions(from: EvaluationStatus): readonly EvaluationStatus[] {
  return EVALUATION_TRANSITIONS[from];
}

export function canTransition(from: EvaluationStatus, to: EvaluationStatus): boolean {
  return EVALUATION_TRANSITIONS[from].includes(to);
}

/** The parts of an evaluation's configuration, as the editing rules name them. */
export const EVALUATION_FIELDS = [
  'frameworkVersionId',
  'title',
  'dimensionKeys',
  'customQuestions',
  'opensAt',
  'closesAt',
  'kThreshold',
  /** adding or removing a stakeholder group */
  'groups',
  'expectedCount',
  'anonymity',
  /** how long individual answers are kept after collection ends; may change until they are deleted */
  'retentionMonths',
] as const;
export type EvaluationField = (typeof EVALUATION_FIELDS)[number];

/**
 * What each status lets people change. The design is settled in draft; once collecting, what
 * respondents see is fixed (they answer the same questionnaire under the same anonymity), and only
 * the calendar and the expected counts may still move. How long answers are kept may change in
 * every status (until they are deleted).
 */
const EDITABLE_FIELDS: Readonly<Record<EvaluationStatus, readonly EvaluationField[]>> = {
  draft: EVALUATION_FIELDS,
  collecting: ['opensAt', 'closesAt', 'expectedCount', 'retentionMonths'],
  analysing: ['retentionMonths'],
  reporting: ['retentionMonths'],
  closed: ['retentionMonths'],
};

export function editableFields(status: EvaluationStatus): readonly EvaluationField[] {
  return EDITABLE_FIELDS[status];
}

/** The fields among `fields` that an evaluation in `status` does not let change, in the order given. */
export function lockedFields(status: EvaluationStatus, fields: readonly EvaluationField[]): EvaluationField[] {
  const editable = EDITABLE_FIELDS[status];
  return fields.filter((field) => !editable.includes(field));
}

/**
 * How a group's respondents are known, strongest protection first: anonymous (no identity, no IP,
 * no user agent, time rounded to the day), confidential (identity known to the facilitator only,
 * never in results), named (for testimonies, with explicit consent).
 */
export const ANONYMITY_MODES = ['anonymous', 'confidential', 'named'] as const;
export type AnonymityMode = (typeof ANONYMITY_MODES)[number];

export function isAnonymityMode(value: unknown): value is AnonymityMode {
  return typeof value === 'string' && (ANONYMITY_MODES as readonly string[]).includes(value);
}

/** True when `to` protects respondents less than `from` (anonymous → confidential → named). */
export function weakensAnonymity(from: AnonymityMode, to: AnonymityMode): boolean {
  return ANONYMITY_MODES.indexOf(to) > ANONYMITY_MODES.indexOf(from);
}

/**
 * Whether a group's anonymity may go from `from` to `to`. People answered under the promise of
 * `from`: once the group has submissions, the promise may be strengthened but never weakened.
 */
export function canChangeAnonymity(from: AnonymityMode, to: AnonymityMode, hasSubmissions: boolean): boolean {
  return !hasSubmissions || !weakensAnonymity(from, to);
}

/** Figures about fewer than k respondents are suppressed; k is set per evaluation. */
export const DEFAULT_K_THRESHOLD = 5;
/** Below 3, a figure about a group can point at a person: no evaluation may go lower. */
export const MIN_K_THRESHOLD = 3;
