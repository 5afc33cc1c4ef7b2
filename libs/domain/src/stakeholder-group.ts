import type { LocalizedText } from './locale.js';

/**
 * Stakeholder groups: the kinds of respondents whose perspectives an evaluation crosses. The keys
 * are stable (stored in frameworks, questionnaires and answers); the labels are for display.
 * The order is the display order everywhere (self-assessment first, then inside out).
 */
export const STAKEHOLDER_GROUP_KEYS = [
  'self_assessment',
  'staff',
  'volunteers',
  'board',
  'beneficiaries',
  'partners',
  'local_officials',
  'inhabitants',
] as const;
export type StakeholderGroupKey = (typeof STAKEHOLDER_GROUP_KEYS)[number];

export interface StakeholderGroup {
  key: StakeholderGroupKey;
  label: Required<LocalizedText>;
}

export const STAKEHOLDER_GROUPS: readonly StakeholderGroup[] = [
  { key: 'self_assessment', label: { fr: 'Auto-évaluation de la structure', en: 'Organization self-assessment' } },
  { key: 'staff', label: { fr: 'Salarié·es', en: 'Staff' } },
  { key: 'volunteers', label: { fr: 'Bénévoles', en: 'Volunteers' } },
  { key: 'board', label: { fr: 'Administrateur·ices', en: 'Board members' } },
  { key: 'beneficiaries', label: { fr: 'Bénéficiaires / usager·es', en: 'Beneficiaries / service users' } },
  { key: 'partners', label: { fr: 'Partenaires', en: 'Partners' } },
  {
    key: 'local_officials',
    label: { fr: 'Élu·es et technicien·nes des collectivités', en: 'Local elected officials and public officers' },
  },
  { key: 'inhabitants', label: { fr: 'Habitant·es', en: 'Local residents' } },
];

export function isStakeholderGroupKey(value: unknown): value is StakeholderGroupKey {
  return typeof value === 'string' && (STAKEHOLDER_GROUP_KEYS as readonly string[]).includes(value);
}
