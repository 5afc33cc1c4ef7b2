import { describe, expect, it } from '@jest/globals';
import { dashboardCharts } from '#domain';
import { analysisFixtureStructure, analysisPayloadFixture } from '#domain/charts/analysis-payload.fixture';
import { buildReportModel, reportParticipationChart, type ReportSources } from './report-model.builder.js';
import { plannedSections, structuralDimensions } from './report-sections.js';

function sources(overrides: Partial<ReportSources> = {}): ReportSources {
  const payload = analysisPayloadFixture();
  const { content } = analysisFixtureStructure();
  const groups = payload.participation.map((p) => ({ groupKey: p.groupKey, expectedCount: p.expected, anonymity: p.groupKey === 'partners' ? ('confidential' as const) : ('anonymous' as const) }));
  const dimensions = structuralDimensions(content, payload.dimensions.map((d) => d.key), [], groups.map((g) => g.groupKey));
  const sections = plannedSections(dimensions).map((s) => ({ ...s, title: null, narrative: `Texte de ${s.key}.`, stories: [] as string[], testimonies: [], actions: [] }));
  return {
    locale: 'fr',
    version: null,
    generatedAt: new Date('2026-11-27T10:00:00Z'),
    organization: { name: 'La Ressourcerie', logo: null },
    network: 'Pôle ESS',
    evaluation: { title: 'Utilité sociale 2026', opensAt: new Date('2026-10-01T00:00:00Z'), closesAt: new Date('2026-11-30T00:00:00Z'), groups },
    framework: { name: 'Socle commun', version: '1', sources: [] },
    dimensions,
    channels: ['paper', 'shared'],
    payload,
    sections,
    stories: new Map([['42', { text: 'Un récit [nom].', groupKey: 'volunteers' as const, reason: 'Parce que.' }]]),
    authors: ['Samia Benali'],
    ...overrides,
  };
}

describe('report model', () => {
  it('withholds the participation of a group under k, and the total that would give it away', () => {
    const payload = analysisPayloadFixture();
    const chart = reportParticipationChart(dashboardCharts(payload, 'fr').find((c) => c.id === 'participation')!, payload, 'fr');
    const partners = chart.labelKeys.indexOf('partners');
    expect(chart.series.find((s) => s.key === 'submitted')!.values[partners]).toBeNull();
    expect(chart.series.find((s) => s.key === 'expected')!.values[partners]).toBe(8);
    expect(chart.table.rows[partners]!.slice(1, 4)).toEqual(['<\u00a05', '8', '<\u00a05']);
    expect(chart.table.rows.at(-1)!.slice(1, 4)).toEqual(['masqué', '93', 'masqué']);
    expect(chart.table.rows.flat().join(' ')).not.toContain('60');
    expect(chart.table.notes.length).toBe(2);
  });

  it('keeps the participation chart as it is when no group is withheld', () => {
    const payload = analysisPayloadFixture();
    payload.participation = payload.participation.map((p) => ({ ...p, suppressed: false }));
    const chart = dashboardCharts(payload, 'fr').find((c) => c.id === 'participation')!;
    expect(reportParticipationChart(chart, payload, 'fr')).toBe(chart);
  });

  it('lists the groups of the method annex with counts under k withheld, in words of the locale', () => {
    const model = buildReportModel(sources({ locale: 'en' }));
    expect(model.annex.groups.find((g) => g.label === 'Partners')).toEqual({ label: 'Partners', expected: 8, submitted: null, responseRate: null, anonymity: expect.stringContaining('confidential') });
    expect(model.annex.groups.find((g) => g.label === 'Staff')).toMatchObject({ expected: 14, submitted: 12, responseRate: 12 / 14 });
    expect(model.annex.channels).toEqual(['group links', 'paper questionnaires, typed in']);
    expect(model.versionLabel).toBe('Draft of 27 November 2026');
    expect(model.draft).toBe(true);
  });

  it('fills each section with its chosen charts that exist, its indicator table, its stories and testimonies', () => {
    const base = sources();
    const sections = base.sections.map((s) =>
      s.key === 'dimension:utilite_economique'
        ? {
            ...s,
            charts: ['distribution-q_reponse_besoins', 'disparu', 'gaps-indicators-utilite_economique'],
            stories: ['42', '404'],
            testimonies: [
              { text: 'Merci.', name: 'Odile', groupKey: 'staff' as const, consent: true },
              { text: 'Bien.', name: 'Sans accord', groupKey: null, consent: false },
            ],
          }
        : s,
    );
    const model = buildReportModel({ ...base, sections, version: { number: 2, validatedAt: new Date('2026-12-03T09:00:00Z') } });
    const section = model.sections.find((s) => s.key === 'dimension:utilite_economique')!;
    expect(section.title).toBe('Utilité économique et développement local');
    expect(section.charts.map((c) => c.id)).toEqual(['distribution-q_reponse_besoins', 'gaps-indicators-utilite_economique']);
    expect(section.tables).toHaveLength(1);
    expect(section.quotes).toEqual([
      { kind: 'story', text: 'Un récit [nom].', attribution: 'Bénévoles', reason: 'Parce que.' },
      { kind: 'testimony', text: 'Merci.', attribution: 'Odile (Salarié·es)' },
      { kind: 'testimony', text: 'Bien.', attribution: 'Témoignage recueilli' },
    ]);
    expect(model.sections.map((s) => s.key)[0]).toBe('summary');
    expect(model.indicatorAnnex).toHaveLength(3);
    expect(model.versionLabel).toBe('Version 2 — validée le 3 décembre 2026');
    expect(model.draft).toBe(false);
    expect(model.sections.find((s) => s.key === 'action-plan')!.actions).toEqual([]);
  });
});
