/**
 * A realistic analysis payload for tests of the charts and of what draws them: an evaluation like
 * the demo's (k = 5; the partners' group under k), three dimensions, every kind of indicator, a
 * complementary suppression, a consensus answer and a previous evaluation to compare with.
 */
import type { AnalysisPayload, Cell, ScoreCell } from '../analysis/types.js';
import type { CustomQuestion, FrameworkContent } from '../framework.js';

const underK: Cell & ScoreCell = { suppressed: true, reason: 'under-k' };
const complementary: Cell & ScoreCell = { suppressed: true, reason: 'complementary' };

function stats(n: number, score: number | null, distribution: Array<[string, number]>, extra: { mean?: number | null; median?: number | null } = {}): Cell {
  const dontKnow = distribution.find(([value]) => value === 'dont_know')?.[1] ?? 0;
  return {
    suppressed: false,
    n,
    mean: extra.mean ?? null,
    median: extra.median ?? null,
    distribution: distribution.map(([value, count]) => ({ value, count })),
    dontKnowShare: n > 0 ? dontKnow / n : 0,
    score,
  };
}

const score = (n: number, value: number | null): ScoreCell => ({ suppressed: false, n, score: value });

export function analysisPayloadFixture(): AnalysisPayload {
  const besoins = {
    self_assessment: stats(6, 75, [['3', 1], ['4', 4], ['5', 1]], { mean: 4, median: 4 }),
    staff: stats(12, 62.5, [['2', 1], ['3', 3], ['4', 7], ['5', 1]], { mean: 3.67, median: 4 }),
    volunteers: stats(17, 70.3, [['2', 1], ['3', 3], ['4', 9], ['5', 3], ['dont_know', 1]], { mean: 3.81, median: 4 }),
    beneficiaries: stats(22, 81.8, [['3', 2], ['4', 8], ['5', 12]], { mean: 4.45, median: 5 }),
    partners: underK,
    all: stats(60, 73.1, [['2', 2], ['3', 9], ['4', 30], ['5', 18], ['dont_know', 1]], { mean: 4.1, median: 4 }),
  };
  const irremplacable = {
    beneficiaries: stats(22, 68.2, [['nulle_part', 12], ['difficilement', 6], ['facilement', 4]]),
    all: stats(22, 68.2, [['nulle_part', 12], ['difficilement', 6], ['facilement', 4]]),
  };
  const accessibilite = {
    self_assessment: stats(6, 58, [['tarifs', 6], ['horaires', 3], ['langage_clair', 4]]),
    staff: stats(12, 44, [['tarifs', 10], ['horaires', 2], ['aller_vers', 5], ['dont_know', 1]]),
    all: stats(18, 49, [['tarifs', 16], ['horaires', 5], ['aller_vers', 5], ['langage_clair', 4], ['dont_know', 1]]),
  };
  const emplois = {
    self_assessment: stats(6, null, [['14', 4], ['15', 2]], { mean: 14.33, median: 14 }),
    all: stats(6, null, [['14', 4], ['15', 2]], { mean: 14.33, median: 14 }),
  };
  // Asked of the staff and the partners only: the partners are under k, so the staff's cell is
  // withheld too (complementary) and only all groups together remain.
  const voix = {
    self_assessment: stats(6, 66.7, [['3', 2], ['4', 3], ['5', 1]], { mean: 3.83, median: 4 }),
    staff: complementary,
    partners: underK,
    all: stats(21, 60.7, [['2', 3], ['3', 6], ['4', 10], ['5', 2]], { mean: 3.52, median: 4 }),
  };
  const rencontres = {
    volunteers: stats(17, 85.3, [['3', 1], ['4', 8], ['5', 8]], { mean: 4.41, median: 4 }),
    beneficiaries: stats(22, 79.5, [['2', 1], ['3', 2], ['4', 11], ['5', 8]], { mean: 4.18, median: 4 }),
    all: stats(39, 82, [['2', 1], ['3', 3], ['4', 19], ['5', 16]], { mean: 4.28, median: 4 }),
  };
  const diversite = {
    self_assessment: stats(6, 66.7, [['yes', 4], ['no', 2]]),
    all: stats(6, 66.7, [['yes', 4], ['no', 2]]),
  };
  const recit = { beneficiaries: stats(15, null, []), all: stats(15, null, []) };

  return {
    evaluationId: '7b0f3c1e-4d5a-4c1b-9a52-0f4f1d2f6a10',
    computedAt: '2026-05-04T09:30:00.000Z',
    k: 5,
    participation: [
      { groupKey: 'self_assessment', expected: 6, submitted: 6, excluded: 0, partial: 0, responseRate: 1, suppressed: false },
      { groupKey: 'staff', expected: 14, submitted: 12, excluded: 0, partial: 0, responseRate: 12 / 14, suppressed: false },
      { groupKey: 'volunteers', expected: 25, submitted: 17, excluded: 1, partial: 2, responseRate: 17 / 25, suppressed: false },
      { groupKey: 'beneficiaries', expected: 40, submitted: 22, excluded: 0, partial: 0, responseRate: 22 / 40, suppressed: false },
      { groupKey: 'partners', expected: 8, submitted: 3, excluded: 0, partial: 0, responseRate: 3 / 8, suppressed: true },
    ],
    indicators: [
      {
        key: 'reponse_besoins',
        dimensionKey: 'utilite_economique',
        criterionKey: 'besoins',
        custom: false,
        kind: 'scale',
        title: { fr: 'Réponse à des besoins du territoire', en: 'Meeting local needs' },
        scored: true,
        cells: besoins,
        questions: [{ key: 'q_reponse_besoins', cells: besoins }],
      },
      {
        key: 'service_irremplacable',
        dimensionKey: 'utilite_economique',
        criterionKey: 'besoins',
        custom: false,
        kind: 'single_choice',
        title: { fr: 'Un service difficile à trouver ailleurs', en: 'A service hard to find elsewhere' },
        scored: true,
        cells: irremplacable,
        questions: [{ key: 'q_service_irremplacable', cells: irremplacable }],
      },
      {
        key: 'emplois_etp',
        dimensionKey: 'utilite_economique',
        criterionKey: 'emploi',
        custom: false,
        kind: 'quantity',
        title: { fr: 'Emplois (équivalents temps plein)', en: 'Jobs (full-time equivalents)' },
        scored: false,
        cells: emplois,
        questions: [{ key: 'q_emplois_etp', cells: emplois }],
      },
      {
        key: 'mesures_accessibilite',
        dimensionKey: 'egalite_developpement_humain',
        criterionKey: 'acces',
        custom: false,
        kind: 'multiple_choice',
        title: { fr: 'Mesures d’accessibilité', en: 'Accessibility measures' },
        scored: true,
        cells: accessibilite,
        questions: [{ key: 'q_mesures_accessibilite', cells: accessibilite }],
      },
      {
        key: 'action_diversite',
        dimensionKey: 'egalite_developpement_humain',
        criterionKey: 'diversite',
        custom: false,
        kind: 'yes_no',
        title: { fr: 'Action en faveur de la diversité', en: 'Action for diversity' },
        scored: true,
        cells: diversite,
        questions: [{ key: 'q_action_diversite', cells: diversite }],
      },
      {
        key: 'recit_changement_personnel',
        dimensionKey: 'egalite_developpement_humain',
        criterionKey: 'parcours',
        custom: false,
        kind: 'text',
        title: { fr: 'Récit d’un changement personnel', en: 'Story of a personal change' },
        scored: false,
        cells: recit,
        questions: [{ key: 'q_recit_changement_personnel', cells: recit }],
      },
      {
        key: 'rencontres',
        dimensionKey: 'lien_social_democratie',
        criterionKey: 'lien',
        custom: false,
        kind: 'scale',
        title: { fr: 'Des rencontres qui n’auraient pas eu lieu', en: 'Encounters that would not have happened' },
        scored: true,
        cells: rencontres,
        questions: [{ key: 'q_rencontres', cells: rencontres }],
      },
      {
        key: 'voix_publique',
        dimensionKey: 'lien_social_democratie',
        criterionKey: 'democratie',
        custom: false,
        kind: 'scale',
        title: { fr: 'Porter la voix des habitant·es', en: 'Voicing residents’ concerns' },
        scored: true,
        cells: voix,
        questions: [{ key: 'q_voix_publique', cells: voix }],
      },
    ],
    dimensions: [
      {
        key: 'utilite_economique',
        title: { fr: 'Utilité économique et développement local', en: 'Economic utility and local development' },
        cells: { self_assessment: score(6, 75), staff: score(12, 62.5), volunteers: score(17, 70.3), beneficiaries: score(22, 75), partners: underK, all: score(60, 71.4) },
      },
      {
        key: 'egalite_developpement_humain',
        title: { fr: 'Égalité, diversité et développement humain', en: 'Equality, diversity and human development' },
        cells: { self_assessment: score(6, 62.3), staff: score(12, 44), all: score(18, 53.6) },
      },
      {
        key: 'lien_social_democratie',
        title: { fr: 'Lien social, pouvoir d’agir et démocratie locale', en: 'Social ties, power to act and local democracy' },
        cells: { self_assessment: score(6, 66.7), staff: complementary, volunteers: score(17, 85.3), beneficiaries: score(22, 79.5), partners: underK, all: score(45, 77.4) },
      },
    ],
    crossed: {
      available: true,
      gaps: [
        { groupKey: 'staff', level: 'dimension', key: 'utilite_economique', self: 75, group: 62.5, gap: -12.5 },
        { groupKey: 'volunteers', level: 'dimension', key: 'utilite_economique', self: 75, group: 70.3, gap: -4.7 },
        { groupKey: 'beneficiaries', level: 'dimension', key: 'utilite_economique', self: 75, group: 75, gap: 0 },
        { groupKey: 'staff', level: 'dimension', key: 'egalite_developpement_humain', self: 62.3, group: 44, gap: -18.3 },
        { groupKey: 'volunteers', level: 'dimension', key: 'lien_social_democratie', self: 66.7, group: 85.3, gap: 18.6 },
        { groupKey: 'beneficiaries', level: 'dimension', key: 'lien_social_democratie', self: 66.7, group: 79.5, gap: 12.8 },
        { groupKey: 'staff', level: 'indicator', key: 'reponse_besoins', self: 75, group: 62.5, gap: -12.5 },
        { groupKey: 'volunteers', level: 'indicator', key: 'reponse_besoins', self: 75, group: 70.3, gap: -4.7 },
        { groupKey: 'beneficiaries', level: 'indicator', key: 'reponse_besoins', self: 75, group: 81.8, gap: 6.8 },
        { groupKey: 'staff', level: 'indicator', key: 'mesures_accessibilite', self: 58, group: 44, gap: -14 },
      ],
      convergences: [
        { groupKey: 'beneficiaries', level: 'dimension', key: 'utilite_economique', self: 75, group: 75, gap: 0 },
        { groupKey: 'volunteers', level: 'dimension', key: 'utilite_economique', self: 75, group: 70.3, gap: -4.7 },
      ],
      divergences: [
        { groupKey: 'volunteers', level: 'dimension', key: 'lien_social_democratie', self: 66.7, group: 85.3, gap: 18.6 },
        { groupKey: 'staff', level: 'dimension', key: 'egalite_developpement_humain', self: 62.3, group: 44, gap: -18.3 },
        { groupKey: 'staff', level: 'indicator', key: 'mesures_accessibilite', self: 58, group: 44, gap: -14 },
      ],
    },
    comparison: {
      previous: { evaluationId: '2c6d8f20-1b3a-4e55-8d0e-3f2a9b7c4d11', title: 'Utilité sociale 2023', closesAt: '2023-06-30T00:00:00.000Z' },
      indicators: [
        { key: 'reponse_besoins', column: 'all', before: 65, after: 73.1, delta: 8.1 },
        { key: 'rencontres', column: 'all', before: 84, after: 82, delta: -2 },
      ],
      dimensions: [
        { key: 'utilite_economique', column: 'all', before: 64.2, after: 71.4, delta: 7.2 },
        { key: 'lien_social_democratie', column: 'all', before: 80.9, after: 77.4, delta: -3.5 },
        { key: 'utilite_economique', column: 'staff', before: 60, after: 62.5, delta: 2.5 },
      ],
      unmatched: { onlyBefore: ['benevolat_heures'], onlyAfter: ['mesures_accessibilite'], rescored: ['voix_publique'] },
    },
    consensus: [
      {
        sessionId: 'b9a3e5d2-6c1f-4f0a-8e7b-2d4c6a8e0f13',
        groupKey: 'beneficiaries',
        questionKey: 'q_service_irremplacable',
        indicatorKey: 'service_irremplacable',
        value: 'difficilement',
        reasons: 'Il y a une recyclerie à Valence, mais sans bus le samedi.',
        recordedAt: '2026-04-28T15:10:00.000Z',
      },
    ],
    // No words for the answers: the charts fall back to the values, tidied.
    answerOptions: {},
  };
}

/** The framework content behind the fixture (the indicators' answers and scoring). */
export function analysisFixtureStructure(): { content: FrameworkContent; customQuestions: CustomQuestion[] } {
  const agreement = [
    { fr: 'Pas du tout d’accord', en: 'Strongly disagree' },
    { fr: 'Plutôt pas d’accord', en: 'Disagree' },
    { fr: 'Ni d’accord ni pas d’accord', en: 'Neither agree nor disagree' },
    { fr: 'Plutôt d’accord', en: 'Agree' },
    { fr: 'Tout à fait d’accord', en: 'Strongly agree' },
  ];
  const scale = (key: string, dontKnow: 'excluded' | 'not_offered') => ({
    key,
    title: { fr: key },
    level: 'resultat' as const,
    kind: 'scale' as const,
    scale: { min: 1, max: 5, labels: agreement },
    scoring: { rule: 'linear' as const, reverse: false },
    dontKnow,
    questions: [],
  });
  return {
    content: {
      formatVersion: 1,
      title: { fr: 'Socle commun' },
      dimensions: [
        {
          key: 'utilite_economique',
          title: { fr: 'Utilité économique et développement local' },
          criteria: [
            {
              key: 'besoins',
              title: { fr: 'Besoins' },
              indicators: [
                scale('reponse_besoins', 'excluded'),
                {
                  key: 'service_irremplacable',
                  title: { fr: 'Un service difficile à trouver ailleurs' },
                  level: 'resultat',
                  kind: 'single_choice',
                  choices: [
                    { value: 'nulle_part', label: { fr: 'Nulle part ailleurs', en: 'Nowhere else' } },
                    { value: 'difficilement', label: { fr: 'Difficilement', en: 'With difficulty' } },
                    { value: 'facilement', label: { fr: 'Facilement', en: 'Easily' } },
                  ],
                  scoring: { rule: 'weights', weights: { nulle_part: 100, difficilement: 60, facilement: 0 } },
                  dontKnow: 'excluded',
                  questions: [],
                },
                {
                  key: 'emplois_etp',
                  title: { fr: 'Emplois' },
                  level: 'realisation',
                  kind: 'quantity',
                  quantity: { min: 0, integer: false },
                  scoring: { rule: 'none' },
                  dontKnow: 'not_offered',
                  questions: [],
                },
              ],
            },
          ],
        },
        {
          key: 'egalite_developpement_humain',
          title: { fr: 'Égalité, diversité et développement humain' },
          criteria: [
            {
              key: 'acces',
              title: { fr: 'Accès' },
              indicators: [
                {
                  key: 'mesures_accessibilite',
                  title: { fr: 'Mesures d’accessibilité' },
                  level: 'realisation',
                  kind: 'multiple_choice',
                  choices: [
                    { value: 'tarifs', label: { fr: 'Tarifs adaptés', en: 'Adapted prices' } },
                    { value: 'horaires', label: { fr: 'Horaires élargis', en: 'Longer opening hours' } },
                    { value: 'aller_vers', label: { fr: 'Aller vers les personnes', en: 'Outreach' } },
                    { value: 'langage_clair', label: { fr: 'Langage clair', en: 'Plain language' } },
                  ],
                  scoring: { rule: 'weighted_share', weights: { tarifs: 1, horaires: 1, aller_vers: 1, langage_clair: 1 } },
                  dontKnow: 'excluded',
                  questions: [],
                },
                {
                  key: 'action_diversite',
                  title: { fr: 'Action en faveur de la diversité' },
                  level: 'realisation',
                  kind: 'yes_no',
                  scoring: { rule: 'yes_no', yes: 100, no: 0 },
                  dontKnow: 'excluded',
                  questions: [],
                },
              ],
            },
          ],
        },
        {
          key: 'lien_social_democratie',
          title: { fr: 'Lien social, pouvoir d’agir et démocratie locale' },
          criteria: [{ key: 'lien', title: { fr: 'Lien' }, indicators: [scale('rencontres', 'excluded'), scale('voix_publique', 'excluded')] }],
        },
      ],
    } as FrameworkContent,
    customQuestions: [],
  };
}
