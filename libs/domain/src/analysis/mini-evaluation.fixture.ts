/**
 * A small evaluation for the analysis specs, small enough that every figure is worked out by hand
 * in analyse.spec.ts: two dimensions, seven indicators (one with two questions, one text, one the
 * organization's own), three groups (the self-assessment, 6 staff, 5 volunteers), k = 5.
 */
import type { AnonymityMode } from '../evaluation-status.js';
import type { CustomQuestion, FrameworkContent, Indicator, Question } from '../framework.js';
import type { StakeholderGroupKey } from '../stakeholder-group.js';
import type { AnalysisStructure, AnswerRowForCounting, GroupParticipation } from './types.js';

function question(key: string, audiences: StakeholderGroupKey[]): Question {
  return { key, audiences, wording: Object.fromEntries(audiences.map((group) => [group, { fr: key }])), required: false };
}

const base = { level: 'resultat' as const };

export const ECOUTE: Indicator = {
  ...base,
  key: 'ecoute',
  title: { fr: 'Écoute' },
  kind: 'scale',
  scale: { min: 1, max: 5 },
  scoring: { rule: 'linear', reverse: false },
  dontKnow: 'excluded',
  questions: [question('q_ecoute', ['self_assessment', 'staff', 'volunteers'])],
};

/** Two questions: the organization's wording, and the others'. */
export const DECISIONS: Indicator = {
  ...base,
  key: 'decisions',
  title: { fr: 'Décisions' },
  kind: 'yes_no',
  scoring: { rule: 'yes_no', yes: 100, no: 0 },
  dontKnow: 'counted_as_zero',
  questions: [question('q_decisions_self', ['self_assessment']), question('q_decisions', ['staff', 'volunteers'])],
};

export const FORMES: Indicator = {
  ...base,
  key: 'formes',
  title: { fr: 'Formes de participation' },
  kind: 'multiple_choice',
  choices: [
    { value: 'a', label: { fr: 'A' } },
    { value: 'b', label: { fr: 'B' } },
    { value: 'c', label: { fr: 'C' } },
  ],
  scoring: { rule: 'weighted_share', weights: { a: 2, b: 1, c: 1 } },
  dontKnow: 'excluded',
  questions: [question('q_formes', ['staff', 'volunteers'])],
};

export const RECIT: Indicator = {
  ...base,
  key: 'recit',
  title: { fr: 'Récit' },
  kind: 'text',
  scoring: { rule: 'none' },
  dontKnow: 'not_offered',
  questions: [question('q_recit', ['staff', 'volunteers'])],
};

export const PARTENARIATS: Indicator = {
  ...base,
  key: 'partenariats',
  title: { fr: 'Partenariats' },
  kind: 'quantity',
  quantity: { min: 0, integer: true },
  scoring: { rule: 'target', baseline: 0, target: 10 },
  dontKnow: 'not_offered',
  questions: [question('q_partenariats', ['self_assessment'])],
};

export const FREQUENCE: Indicator = {
  ...base,
  key: 'frequence',
  title: { fr: 'Fréquence' },
  kind: 'single_choice',
  choices: [
    { value: 'jamais', label: { fr: 'Jamais' } },
    { value: 'parfois', label: { fr: 'Parfois' } },
    { value: 'souvent', label: { fr: 'Souvent' } },
  ],
  scoring: { rule: 'weights', weights: { jamais: 0, parfois: 50, souvent: 100 } },
  dontKnow: 'excluded',
  // Also asked of the board, which this evaluation does not invite.
  questions: [question('q_frequence', ['staff', 'volunteers', 'board'])],
};

export const REPARER: CustomQuestion = {
  dimensionKey: 'vie_collective',
  indicator: {
    ...base,
    key: 'reparer',
    title: { fr: 'Réparer' },
    kind: 'scale',
    scale: { min: 1, max: 4 },
    scoring: { rule: 'linear', reverse: false },
    dontKnow: 'not_offered',
    questions: [question('q_reparer', ['staff', 'volunteers'])],
  },
};

export const MINI_CONTENT: FrameworkContent = {
  formatVersion: 1,
  title: { fr: 'Mini' },
  dimensions: [
    {
      key: 'vie_collective',
      title: { fr: 'Vie collective' },
      criteria: [
        { key: 'participation', title: { fr: 'Participation' }, indicators: [ECOUTE, DECISIONS, FORMES] },
        { key: 'recits', title: { fr: 'Récits' }, indicators: [RECIT] },
      ],
    },
    {
      key: 'territoire',
      title: { fr: 'Territoire' },
      criteria: [{ key: 'ancrage', title: { fr: 'Ancrage' }, indicators: [PARTENARIATS, FREQUENCE] }],
    },
    {
      key: 'non_retenue',
      title: { fr: 'Non retenue' },
      criteria: [{ key: 'autre', title: { fr: 'Autre' }, indicators: [] }],
    },
  ],
};

export function miniStructure(selfAnonymity: AnonymityMode = 'confidential', k = 5): AnalysisStructure {
  return {
    content: MINI_CONTENT,
    dimensionKeys: ['territoire', 'vie_collective'],
    customQuestions: [REPARER],
    groups: [
      { groupKey: 'self_assessment', expectedCount: 1, anonymity: selfAnonymity },
      { groupKey: 'staff', expectedCount: 8, anonymity: 'anonymous' },
      { groupKey: 'volunteers', expectedCount: 10, anonymity: 'anonymous' },
    ],
    k,
  };
}

export const MINI_PARTICIPATION: GroupParticipation[] = [
  { groupKey: 'self_assessment', expected: 1, submitted: 1, excluded: 0, partial: 0 },
  { groupKey: 'staff', expected: 8, submitted: 6, excluded: 1, partial: 0 },
  { groupKey: 'volunteers', expected: 10, submitted: 5, excluded: 0, partial: 2 },
];

type Given = number | string | string[] | { text: string } | 'dk';

/**
 * The counted submissions, by respondent: question key → answer (a number, a choice, several
 * choices, a text, or 'dk' for "je ne sais pas"). `why` adds a "pourquoi ?" comment, never counted.
 */
export const MINI_ANSWERS: Array<{ id: string; group: StakeholderGroupKey; answers: Record<string, Given>; why?: string }> = [
  { id: 's1', group: 'self_assessment', answers: { q_ecoute: 4, q_decisions_self: 'yes', q_partenariats: 6 } },
  { id: 't1', group: 'staff', answers: { q_ecoute: 5, q_decisions: 'yes', q_formes: ['a', 'b'], q_recit: { text: 'Une histoire' }, q_frequence: 'souvent', q_reparer: 4 }, why: 'q_ecoute' },
  { id: 't2', group: 'staff', answers: { q_ecoute: 4, q_decisions: 'yes', q_formes: ['a'], q_recit: { text: 'Une autre' }, q_frequence: 'parfois', q_reparer: 4 } },
  { id: 't3', group: 'staff', answers: { q_ecoute: 4, q_decisions: 'no', q_formes: ['c'], q_frequence: 'parfois', q_reparer: 3 } },
  { id: 't4', group: 'staff', answers: { q_ecoute: 3, q_decisions: 'dk', q_formes: 'dk', q_frequence: 'jamais', q_reparer: 3 } },
  { id: 't5', group: 'staff', answers: { q_ecoute: 'dk', q_decisions: 'yes', q_formes: ['a', 'b', 'c'], q_frequence: 'souvent', q_reparer: 2 } },
  { id: 't6', group: 'staff', answers: { q_ecoute: 2, q_decisions: 'yes', q_formes: ['b'], q_frequence: 'dk', q_reparer: 1 } },
  { id: 'v1', group: 'volunteers', answers: { q_ecoute: 5, q_decisions: 'yes', q_formes: ['a'], q_recit: { text: 'Un récit' }, q_frequence: 'souvent', q_reparer: 4 } },
  { id: 'v2', group: 'volunteers', answers: { q_ecoute: 5, q_decisions: 'no', q_formes: ['a', 'c'], q_frequence: 'souvent', q_reparer: 3 } },
  { id: 'v3', group: 'volunteers', answers: { q_ecoute: 4, q_decisions: 'yes', q_formes: ['b'], q_frequence: 'parfois', q_reparer: 3 } },
  { id: 'v4', group: 'volunteers', answers: { q_decisions: 'yes', q_formes: ['a'], q_reparer: 2 }, why: 'q_ecoute' },
  { id: 'v5', group: 'volunteers', answers: { q_ecoute: 3, q_decisions: 'no', q_formes: ['c'], q_reparer: 4 } },
];

const INDICATOR_OF: Record<string, string> = {
  q_ecoute: 'ecoute',
  q_decisions_self: 'decisions',
  q_decisions: 'decisions',
  q_formes: 'formes',
  q_recit: 'recit',
  q_partenariats: 'partenariats',
  q_frequence: 'frequence',
  q_reparer: 'reparer',
};

/** The answer rows of MINI_ANSWERS, as normalisation stores them. */
export function miniRows(): AnswerRowForCounting[] {
  const rows: AnswerRowForCounting[] = [];
  for (const submission of MINI_ANSWERS) {
    for (const [questionKey, given] of Object.entries(submission.answers)) {
      const row = { submissionId: submission.id, groupKey: submission.group, questionKey, indicatorKey: INDICATOR_OF[questionKey], part: 'answer' as const, numericValue: null, choiceValue: null, textValue: null, dontKnow: false };
      if (given === 'dk') rows.push({ ...row, dontKnow: true });
      else if (typeof given === 'number') rows.push({ ...row, numericValue: given });
      else if (typeof given === 'string') rows.push({ ...row, choiceValue: given });
      else if (Array.isArray(given)) for (const choice of given) rows.push({ ...row, choiceValue: choice });
      else rows.push({ ...row, textValue: given.text });
    }
    if (submission.why) {
      rows.push({ submissionId: submission.id, groupKey: submission.group, questionKey: submission.why, indicatorKey: INDICATOR_OF[submission.why], part: 'why', numericValue: null, choiceValue: null, textValue: 'Parce que', dontKnow: false });
    }
  }
  return rows;
}
