import { describe, expect, it } from '@jest/globals';
import { analysisFixtureStructure, analysisPayloadFixture } from './analysis-payload.fixture.js';
import { answerOptionsFromStructure, fallbackAnswerOptions, formatAnswerValue } from './answer-options.js';
import { formatChartValue, formatPercent, formatPoints } from './chart-format.js';
import { hasChartData, type ChartSpec } from './chart-spec.js';
import {
  changeChart,
  crossedPerspectiveSentences,
  dashboardCharts,
  dimensionGapsChart,
  dimensionRadarChart,
  indicatorGapsChart,
  indicatorTable,
  participationChart,
  questionDistributionChart,
} from './dashboard-charts.js';
import { DONT_KNOW_COLOR, GROUP_COLORS, orderedColor } from './palette.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const payload = analysisPayloadFixture();
const answerOptions = answerOptionsFromStructure(analysisFixtureStructure());
const indicator = (key: string) => payload.indicators.find((i) => i.key === key)!;
const columnOf = (spec: Pick<ChartSpec, 'table'>, header: string) => spec.table.columns.indexOf(header);

describe('number formats', () => {
  it.each([
    [72.4, 'score', 'fr', '72'],
    [-12.5, 'points', 'fr', '\u221213'],
    [18.6, 'points', 'en', '+19'],
    [0.2, 'points', 'fr', '0'],
    [45, 'percent', 'fr', `45${NNBSP}%`],
    [45, 'percent', 'en', '45%'],
    [12345.6, 'number', 'fr', `12${NNBSP}345,6`],
    [12345.6, 'number', 'en', '12,345.6'],
    [1234, 'count', 'fr', `1${NNBSP}234`],
  ] as const)('writes %p as a %s in %s: %p', (value, unit, locale, expected) => {
    expect(formatChartValue(value, unit, locale)).toBe(expected);
  });
});

describe('the radar of dimension scores', () => {
  const radar = dimensionRadarChart(payload, 'fr');

  it('has one axis per dimension and one series per group with a visible score, the self-assessment highlighted', () => {
    expect(radar.kind).toBe('radar');
    expect(radar.id).toBe('radar-dimensions');
    expect(radar.labels).toEqual([
      'Utilité économique et développement local',
      'Égalité, diversité et développement humain',
      'Lien social, pouvoir d’agir et démocratie locale',
    ]);
    expect(radar.series.map((s) => s.key)).toEqual(['self_assessment', 'staff', 'volunteers', 'beneficiaries']);
    expect(radar.series[0]).toMatchObject({ label: 'Auto-évaluation', values: [75, 62.3, 66.7], highlight: true, color: GROUP_COLORS.self_assessment, marker: 'circle' });
    expect(radar.series[1]).toMatchObject({ key: 'staff', values: [62.5, 44, null] });
    expect(radar.series.filter((s) => s.highlight)).toHaveLength(1);
    expect(radar.axis).toMatchObject({ min: 0, max: 100, step: 20 });
  });

  it('keeps the group under k out of the chart and marks it in the table, with no figure', () => {
    expect(radar.series.some((s) => s.key === 'partners')).toBe(false);
    const partners = columnOf(radar, 'Partenaires');
    expect(partners).toBeGreaterThan(0);
    expect(radar.table.rows.map((row) => row[partners])).toEqual([`<${NBSP}5`, '', `<${NBSP}5`]);
    expect(radar.suppressedNote).toBe(`Moins de 5 réponses, résultats non affichés${NNBSP}: Partenaires.`);
    expect(radar.table.notes).toContain(`«${NNBSP}<${NBSP}5${NNBSP}»${NNBSP}: moins de 5 réponses, chiffre non affiché pour préserver l’anonymat.`);
    expect(radar.notes).toEqual([]);
  });

  it('formats its accessible table: dimensions as row headers, scores rounded, complementary cells marked', () => {
    expect(radar.table.columns).toEqual(['Dimension', 'Auto-évaluation de la structure', 'Salarié·es', 'Bénévoles', 'Bénéficiaires / usager·es', 'Partenaires']);
    expect(radar.table.rows[0]).toEqual(['Utilité économique et développement local', '75', '63', '70', '75', `<${NBSP}5`]);
    expect(radar.table.rows[2]![columnOf(radar, 'Salarié·es')]).toBe('masqué');
    expect(radar.table.notes.some((note) => note.startsWith(`«${NNBSP}masqué${NNBSP}»`))).toBe(true);
  });

  it('speaks English', () => {
    const en = dimensionRadarChart(payload, 'en');
    expect(en.labels[0]).toBe('Economic utility and local development');
    expect(en.title).toBe('Profile by dimension');
    expect(en.table.columns[1]).toBe('Organization self-assessment');
    expect(en.table.rows[2]![2]).toBe('hidden');
    expect(en.suppressedNote).toBe('Fewer than 5 answers, results not shown: Partners.');
  });

  it('follows the filters, and turns into bars under three dimensions', () => {
    const filtered = dimensionRadarChart(payload, 'fr', { groups: ['staff', 'beneficiaries'], dimensions: ['utilite_economique', 'lien_social_democratie'] });
    expect(filtered.kind).toBe('bar');
    expect(filtered.orientation).toBe('horizontal');
    expect(filtered.labelKeys).toEqual(['utilite_economique', 'lien_social_democratie']);
    expect(filtered.series.map((s) => [s.key, s.values])).toEqual([
      ['staff', [62.5, null]],
      ['beneficiaries', [75, 79.5]],
    ]);
    expect(filtered.series.every((s) => s.marker === undefined)).toBe(true);
    expect(filtered.table.columns).toEqual(['Dimension', 'Salarié·es', 'Bénéficiaires / usager·es']);
    expect(filtered.suppressedNote).toBeUndefined();
  });
});

describe('gaps with the self-assessment', () => {
  it('draws each group’s dimension gap, signed, and leaves out what cannot be computed', () => {
    const gaps = dimensionGapsChart(payload, 'fr')!;
    expect(gaps.kind).toBe('diverging-bar');
    expect(gaps.unit).toBe('points');
    expect(gaps.series.map((s) => s.key)).toEqual(['staff', 'volunteers', 'beneficiaries']);
    expect(gaps.series[0]!.values).toEqual([-12.5, -18.3, null]);
    expect(gaps.axis).toEqual({ min: -20, max: 20, step: 5, title: 'Écart avec l’auto-évaluation (points)' });
    expect(gaps.table.rows[0]).toEqual(['Utilité économique et développement local', '\u221213', '\u22125', '0', `<${NBSP}5`]);
    // The staff's cell of the third dimension is withheld: its gap is not a number either.
    expect(gaps.table.rows[2]![1]).toBe('masqué');
  });

  it('per indicator of a chosen dimension', () => {
    const gaps = indicatorGapsChart(payload, 'fr', 'utilite_economique')!;
    expect(gaps.id).toBe('gaps-indicators-utilite_economique');
    expect(gaps.labels).toEqual(['Réponse à des besoins du territoire']);
    expect(gaps.series.map((s) => [s.key, s.values])).toEqual([
      ['staff', [-12.5]],
      ['volunteers', [-4.7]],
      ['beneficiaries', [6.8]],
    ]);
  });

  it('has nothing to show without a visible self-assessment', () => {
    const without = { ...payload, crossed: { ...payload.crossed, available: false } };
    expect(dimensionGapsChart(without, 'fr')).toBeNull();
    expect(crossedPerspectiveSentences(without, 'fr')).toEqual({ convergences: [], divergences: [] });
  });

  it('says the largest convergences and divergences in words', () => {
    const words = crossedPerspectiveSentences(payload, 'fr');
    expect(words.convergences[0]).toBe(
      `Bénéficiaires / usager·es et la structure voient «${NNBSP}Utilité économique et développement local${NNBSP}» de la même façon (écart de 0${NBSP}point).`,
    );
    expect(words.divergences[0]).toBe(`Bénévoles jugent «${NNBSP}Lien social, pouvoir d’agir et démocratie locale${NNBSP}» plus favorablement que la structure (+19${NBSP}points).`);
    expect(words.divergences[1]).toContain(`moins favorablement que la structure (\u221218${NBSP}points)`);
    expect(words.convergences[1]).toContain(`(écart de 5${NBSP}points)`);
    expect(crossedPerspectiveSentences(payload, 'en', { groups: ['staff'] }).divergences).toEqual([
      `Staff rate “Equality, diversity and human development” lower than the organization does (\u221218${NBSP}points).`,
      `Staff rate “Accessibility measures” lower than the organization does (\u221214${NBSP}points).`,
    ]);
  });
});

describe('distributions per question', () => {
  it('stacks the shares of each answer per group, in the scale’s order, “je ne sais pas” last and grey', () => {
    const chart = questionDistributionChart(payload, 'fr', indicator('reponse_besoins'), 0, {}, { answerOptions })!;
    expect(chart.kind).toBe('stacked-bar');
    expect(chart.stacked).toBe(true);
    expect(chart.id).toBe('distribution-q_reponse_besoins');
    expect(chart.labels).toEqual(['Ensemble', 'Auto-évaluation', 'Salarié·es', 'Bénévoles', 'Bénéficiaires']);
    // "Pas du tout d'accord" was given by nobody: in the table, not in the legend.
    expect(chart.series.map((s) => s.label)).toEqual(['Plutôt pas d’accord', 'Ni d’accord ni pas d’accord', 'Plutôt d’accord', 'Tout à fait d’accord', 'Je ne sais pas']);
    expect(chart.series[3]!.color).toBe(orderedColor(1));
    expect(chart.series[4]!.color).toBe(DONT_KNOW_COLOR);
    const volunteers = chart.labelKeys.indexOf('volunteers');
    expect(chart.series.map((s) => Math.round(s.values[volunteers]! * 10) / 10)).toEqual([5.9, 17.6, 52.9, 17.6, 5.9]);
    for (let i = 0; i < chart.labels.length; i++) expect(chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)).toBeCloseTo(100);
  });

  it('keeps the group under k out of the bars; its table row says « < 5 » and has no figure', () => {
    const chart = questionDistributionChart(payload, 'fr', indicator('reponse_besoins'), 0, {}, { answerOptions })!;
    expect(chart.labelKeys).not.toContain('partners');
    const row = chart.table.rows.find((r) => r[0] === 'Partenaires')!;
    expect(row.every((cell, i) => i === 0 || cell === `<${NBSP}5`)).toBe(true);
    expect(chart.table.columns).toEqual(['Groupe', 'Répondant·es', 'Pas du tout d’accord', 'Plutôt pas d’accord', 'Ni d’accord ni pas d’accord', 'Plutôt d’accord', 'Tout à fait d’accord', 'Je ne sais pas']);
    expect(chart.table.rows.find((r) => r[0] === 'Bénévoles')).toEqual([
      'Bénévoles',
      '17',
      `0${NNBSP}% (0)`,
      `6${NNBSP}% (1)`,
      `18${NNBSP}% (3)`,
      `53${NNBSP}% (9)`,
      `18${NNBSP}% (3)`,
      `6${NNBSP}% (1)`,
    ]);
    expect(chart.suppressedNote).toContain('Partenaires');
  });

  it('orders weighted choices by their score, in the framework’s words', () => {
    const chart = questionDistributionChart(payload, 'en', indicator('service_irremplacable'), 0, {}, { answerOptions })!;
    expect(chart.labels).toEqual(['Beneficiaries']); // asked of one group only: no "all groups" row
    expect(chart.series.map((s) => [s.label, s.values])).toEqual([
      ['Easily', [(4 / 22) * 100]],
      ['With difficulty', [(6 / 22) * 100]],
      ['Nowhere else', [(12 / 22) * 100]],
    ]);
  });

  it('without the framework, still names numbers, yes/no and “je ne sais pas”, in order', () => {
    expect(fallbackAnswerOptions(indicator('reponse_besoins')).options.map((o) => o.label.fr)).toEqual(['2', '3', '4', '5', 'Je ne sais pas']);
    const yesNo = questionDistributionChart(payload, 'fr', indicator('action_diversite'), 0)!;
    expect(yesNo.series.map((s) => s.label)).toEqual(['Non', 'Oui']);
    expect(fallbackAnswerOptions(indicator('service_irremplacable')).options.map((o) => o.label.fr)).toEqual(['Nulle part', 'Difficilement', 'Facilement']);
  });

  it('draws multiple choices as grouped bars of shares that do not add up', () => {
    const chart = questionDistributionChart(payload, 'fr', indicator('mesures_accessibilite'), 0, {}, { answerOptions })!;
    expect(chart.kind).toBe('bar');
    expect(chart.labels).toEqual(['Tarifs adaptés', 'Horaires élargis', 'Aller vers les personnes', 'Langage clair', 'Je ne sais pas']);
    expect(chart.series.map((s) => s.key)).toEqual(['all', 'self_assessment', 'staff']);
    expect(chart.series[1]!.values).toEqual([100, 50, 0, (4 / 6) * 100, 0]);
    expect(chart.notes[0]).toBe(`Plusieurs réponses possibles${NNBSP}: les parts ne s’additionnent pas.`);
    expect(chart.table.rows[chart.table.rows.length - 1]).toEqual(['Répondant·es', '18', '6', '12']);
  });

  it('gives the mean and median of a quantity, and no chart for open answers', () => {
    const chart = questionDistributionChart(payload, 'fr', indicator('emplois_etp'), 0)!;
    expect(chart.unit).toBe('number');
    expect(chart.series.map((s) => [s.key, s.values])).toEqual([
      ['mean', [14.33]],
      ['median', [14]],
    ]);
    expect(chart.table.rows).toEqual([['Auto-évaluation de la structure', '6', '14,3', '14']]);
    expect(questionDistributionChart(payload, 'fr', indicator('recit_changement_personnel'), 0)).toBeNull();
  });

  it('when every group of a question is withheld but all groups together, shows only that row', () => {
    const chart = questionDistributionChart(payload, 'fr', indicator('voix_publique'), 0, { groups: ['staff', 'partners'] }, { answerOptions })!;
    expect(chart.labelKeys).toEqual(['all']);
    expect(chart.table.rows.map((r) => [r[0], r[1]])).toEqual([
      ['Ensemble des groupes', '21'],
      ['Salarié·es', 'masqué'],
      ['Partenaires', `<${NBSP}5`],
    ]);
    const alone = questionDistributionChart(payload, 'fr', indicator('voix_publique'), 0, { groups: ['partners'] }, { answerOptions, includeAll: false })!;
    expect(hasChartData(alone)).toBe(false);
    expect(alone.table.rows).toEqual([['Partenaires', `<${NBSP}5`, ...Array(6).fill(`<${NBSP}5`)]]);
  });
});

describe('participation', () => {
  it('shows every group’s answers against what was expected, the group under k included', () => {
    const chart = participationChart(payload, 'fr');
    expect(chart.labelKeys).toEqual(['self_assessment', 'staff', 'volunteers', 'beneficiaries', 'partners']);
    expect(chart.series.map((s) => [s.key, s.values])).toEqual([
      ['submitted', [6, 12, 17, 22, 3]],
      ['expected', [6, 14, 25, 40, 8]],
    ]);
    expect(chart.axis).toMatchObject({ min: 0, max: 40 });
    expect(chart.table.rows[4]).toEqual(['Partenaires', '3', '8', `38${NNBSP}%`, 'masqués (moins de 5 réponses)']);
    expect(chart.table.rows[5]).toEqual(['Ensemble des groupes', '60', '93', `65${NNBSP}%`, '']);
  });
});

describe('change since the previous evaluation', () => {
  it('gives the deltas per dimension and says what could not be compared', () => {
    const chart = changeChart(payload, 'fr')!;
    expect(chart.title).toBe(`Évolution depuis «${NNBSP}Utilité sociale 2023${NNBSP}»`);
    expect(chart.series.map((s) => [s.key, s.values])).toEqual([
      ['all', [7.2, null, -3.5]],
      ['staff', [2.5, null, null]],
    ]);
    expect(chart.table.rows[0]).toEqual(['Utilité économique et développement local', '64 → 71 (+7)', '60 → 63 (+3)']);
    expect(chart.table.rows[1]).toEqual(['Égalité, diversité et développement humain', '—', '—']);
    expect(chart.notes).toEqual([
      `Indicateurs de l’évaluation précédente absents de celle-ci${NNBSP}: benevolat_heures.`,
      `Nouveaux indicateurs, sans point de comparaison${NNBSP}: Mesures d’accessibilité.`,
      `Indicateurs dont la notation a changé, non comparés${NNBSP}: Porter la voix des habitant·es.`,
    ]);
    expect(chart.table.notes).toEqual([`«${NNBSP}—${NNBSP}»${NNBSP}: pas de score (question non notée ou seulement des «${NNBSP}je ne sais pas${NNBSP}»).`]);
    expect(changeChart({ ...payload, comparison: null }, 'fr')).toBeNull();
  });
});

describe('indicator tables', () => {
  it('give the score and n per group, withheld cells marked, the dimension last', () => {
    const table = indicatorTable(payload, 'fr', 'lien_social_democratie')!;
    expect(table.columns).toEqual(['Indicateur', 'Ensemble des groupes', 'Auto-évaluation de la structure', 'Salarié·es', 'Bénévoles', 'Bénéficiaires / usager·es', 'Partenaires']);
    expect(table.rows).toEqual([
      ['Des rencontres qui n’auraient pas eu lieu', `82 (n${NNBSP}=${NNBSP}39)`, '', '', `85 (n${NNBSP}=${NNBSP}17)`, `80 (n${NNBSP}=${NNBSP}22)`, ''],
      ['Porter la voix des habitant·es', `61 (n${NNBSP}=${NNBSP}21)`, `67 (n${NNBSP}=${NNBSP}6)`, 'masqué', '', '', `<${NBSP}5`],
      ['Lien social, pouvoir d’agir et démocratie locale', `77 (n${NNBSP}=${NNBSP}45)`, `67 (n${NNBSP}=${NNBSP}6)`, 'masqué', `85 (n${NNBSP}=${NNBSP}17)`, `80 (n${NNBSP}=${NNBSP}22)`, `<${NBSP}5`],
    ]);
    expect(table.notes).toHaveLength(2);
    expect(indicatorTable(payload, 'en', 'utilite_economique')!.rows[2]).toEqual(['Jobs (full-time equivalents)', `not scored (n${NBSP}=${NBSP}6)`, `not scored (n${NBSP}=${NBSP}6)`, '', '', '', '']);
  });
});

describe('the whole dashboard', () => {
  const charts = dashboardCharts(payload, 'fr', {}, { answerOptions });

  it('lists the charts in reading order with stable ids', () => {
    expect(charts.map((c) => c.id)).toEqual([
      'participation',
      'radar-dimensions',
      'gaps-dimensions',
      'change-dimensions',
      'gaps-indicators-utilite_economique',
      'distribution-q_reponse_besoins',
      'distribution-q_service_irremplacable',
      'distribution-q_emplois_etp',
      'gaps-indicators-egalite_developpement_humain',
      'distribution-q_mesures_accessibilite',
      'distribution-q_action_diversite',
      'gaps-indicators-lien_social_democratie',
      'distribution-q_rencontres',
      'distribution-q_voix_publique',
    ]);
    for (const chart of charts) expect(chart.id).toMatch(/^[a-z0-9_-]+$/);
  });

  it('keeps every chart consistent: one value per label, one cell per column, colours from the palette', () => {
    for (const chart of charts) {
      for (const series of chart.series) {
        expect(series.values).toHaveLength(chart.labels.length);
        expect(series.color).toMatch(/^#[0-9A-F]{6}$/i);
      }
      expect(chart.labelKeys).toHaveLength(chart.labels.length);
      for (const row of chart.table.rows) expect(row).toHaveLength(chart.table.columns.length);
    }
  });

  it('never draws the group under k, and shows no figure for it in any table', () => {
    for (const chart of charts) {
      expect(chart.series.some((s) => s.key === 'partners')).toBe(false);
      expect(chart.labelKeys).not.toContain(chart.id === 'participation' ? '' : 'partners');
      const column = columnOf(chart, 'Partenaires');
      const cells = [
        ...(column > 0 ? chart.table.rows.map((row) => row[column]!) : []),
        ...chart.table.rows.filter((row) => row[0] === 'Partenaires').flatMap((row) => row.slice(1)),
      ];
      const allowed = chart.id === 'participation' ? /^(3|8|38\u202f%|masqués \(moins de 5 réponses\))$/ : /^(<\u00a05|)$/;
      for (const cell of cells) expect(cell).toMatch(allowed);
    }
  });
});

describe('answers in words', () => {
  it.each([
    ['difficilement', 'service_irremplacable', 'fr', 'Difficilement'],
    [4, 'reponse_besoins', 'fr', 'Plutôt d’accord'],
    ['dont_know', 'reponse_besoins', 'en', 'Don’t know'],
    [['tarifs', 'langage_clair'], 'mesures_accessibilite', 'fr', `Tarifs adaptés${NNBSP}; Langage clair`],
    ['yes', 'action_diversite', 'en', 'Yes'],
    ['Une réponse libre', 'recit_changement_personnel', 'fr', 'Une réponse libre'],
  ] as const)('writes %p of %s in %s as %p', (value, key, locale, expected) => {
    expect(formatAnswerValue(value, answerOptions[key], locale)).toBe(expected);
  });

  it('labels the ends of an unlabelled scale, and reverses a reversed one', () => {
    const options = answerOptionsFromStructure({
      content: { formatVersion: 1, title: { fr: 'Vide' }, dimensions: [] },
      customQuestions: [
        {
          dimensionKey: 'cooperation_territoriale',
          indicator: {
            key: 'qualite',
            title: { fr: 'Qualité' },
            level: 'resultat',
            kind: 'scale',
            scale: { min: 0, max: 10, minLabel: { fr: 'Très insatisfaisante' }, maxLabel: { fr: 'Excellente', en: 'Excellent' } },
            scoring: { rule: 'linear', reverse: true },
            dontKnow: 'not_offered',
            questions: [],
          },
        },
      ],
    });
    const qualite = options['qualite']!;
    expect(qualite.options).toHaveLength(11);
    expect(qualite.options[0]).toEqual({ value: '10', label: { fr: '10 — Excellente', en: '10 — Excellent' }, position: 0 });
    expect(qualite.options[10]).toEqual({ value: '0', label: { fr: '0 — Très insatisfaisante', en: '0 — Très insatisfaisante' }, position: 1 });
    expect(formatAnswerValue(5, qualite, 'fr')).toBe('5');
    expect(formatPercent(12.5, 'en')).toBe('13%');
    expect(formatPoints(-0.4, 'fr')).toBe('0');
  });
});
