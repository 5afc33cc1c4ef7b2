import { describe, expect, it } from '@jest/globals';
import { sampleFramework } from '#domain/fixtures/sample-framework';
import { plannedSections, sectionContentErrors, sectionOrder, sectionTitle, structuralDimensions, type SectionContent } from './report-sections.js';

const dimensions = structuralDimensions(sampleFramework, ['transition_ecologique', 'lien_social'], [], ['self_assessment', 'volunteers', 'partners']);

describe('report sections', () => {
  it('plans the sections in reading order, dimensions in framework order, with their default charts', () => {
    expect(plannedSections(dimensions).map((s) => [s.key, s.kind, s.charts])).toEqual([
      ['summary', 'summary', ['radar-dimensions']],
      ['context', 'context', ['participation']],
      ['dimension:lien_social', 'dimension', ['gaps-indicators-lien_social', 'distribution-q_ecoute', 'distribution-q_participation', 'distribution-q_formes_participation']],
      ['dimension:transition_ecologique', 'dimension', ['gaps-indicators-transition_ecologique', 'distribution-q_pratiques_ecologiques', 'distribution-q_part_achats_locaux', 'distribution-q_engagement_territoire']],
      ['crossed', 'crossed', ['gaps-dimensions']],
      ['action-plan', 'action-plan', []],
      ['conclusion', 'conclusion', []],
    ]);
  });

  it('charts only the questions asked of the evaluation’s groups, and never open questions', () => {
    const [lien] = structuralDimensions(sampleFramework, ['lien_social'], [], ['partners']);
    expect(lien!.chartIds).toEqual(['gaps-indicators-lien_social', 'distribution-q_qualite_cooperation']);
  });

  it('reads sections in the planned order, sections it does not plan last', () => {
    expect(sectionOrder(['conclusion', 'dimension:ancienne', 'summary', 'dimension:transition_ecologique', 'dimension:lien_social'], dimensions)).toEqual([
      'summary',
      'dimension:lien_social',
      'dimension:transition_ecologique',
      'conclusion',
      'dimension:ancienne',
    ]);
  });

  it.each([
    [{ key: 'summary', kind: 'summary' as const, title: null }, 'fr' as const, 'Synthèse'],
    [{ key: 'summary', kind: 'summary' as const, title: null }, 'en' as const, 'Summary'],
    [{ key: 'action-plan', kind: 'action-plan' as const, title: '' }, 'fr' as const, 'Plan d’action'],
    [{ key: 'dimension:lien_social', kind: 'dimension' as const, title: null }, 'en' as const, 'Social ties and cooperation'],
    [{ key: 'crossed', kind: 'crossed' as const, title: 'Nos regards' }, 'en' as const, 'Nos regards'],
  ])('titles %j in %s as %s', (section, locale, title) => {
    expect(sectionTitle(section, dimensions, locale)).toBe(title);
  });

  const references = { chartIds: new Set(['radar-dimensions', 'participation']), storyIds: new Set(['12', '13']), groupKeys: ['self_assessment', 'volunteers'] as const };
  const current = { charts: ['gaps-disparu'], stories: ['99'] };
  it.each<[string, 'summary' | 'action-plan', SectionContent, string[]]>([
    ['known and kept ids', 'summary', { charts: ['participation', 'gaps-disparu'], stories: ['13', '99'] }, []],
    ['a new unknown chart', 'summary', { charts: ['participation', 'inconnu'] }, ['charts[1]:unknown-chart']],
    ['a story not selected', 'summary', { stories: ['12', '14'] }, ['stories[1]:story-not-selected']],
    ['a name without consent', 'summary', { testimonies: [{ text: 'Oui.', name: 'Jeanne', groupKey: null, consent: false }] }, ['testimonies[0].name:consent-required']],
    ['a name with consent', 'summary', { testimonies: [{ text: 'Oui.', name: 'Jeanne', groupKey: 'volunteers', consent: true }] }, []],
    ['a group the evaluation has not', 'summary', { testimonies: [{ text: 'Oui.', name: null, groupKey: 'partners', consent: false }] }, ['testimonies[0].groupKey:not-in-evaluation']],
    ['actions outside the action plan', 'summary', { actions: [{ recommendation: 'Faire', who: '', when: '' }] }, ['actions:not-action-plan']],
    ['actions in the action plan', 'action-plan', { actions: [{ recommendation: 'Faire', who: '', when: '' }] }, []],
  ])('checks %s', (_name, kind, content, expected) => {
    expect(sectionContentErrors(kind, current, content, { ...references, groupKeys: [...references.groupKeys] }).map((e) => `${e.path}:${e.code}`)).toEqual(expected);
  });
});
