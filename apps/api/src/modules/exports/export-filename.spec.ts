import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { asciiFileName, contentDisposition, readableFileName, slugify } from './export-filename.js';

const DATE = new Date('2026-05-12T23:30:00Z');

describe('slugify', () => {
  it.each<[string, string]>([
    ['La Ressourcerie du Vallon', 'la-ressourcerie-du-vallon'],
    ['Évaluation 2026 — « Cœur » & Æther', 'evaluation-2026-coeur-aether'],
    ['Salarié·es / bénévoles', 'salarie-es-benevoles'],
    ['  --Ça  va ?--  ', 'ca-va'],
    ['日本語', ''],
    ['=HYPERLINK("x")', 'hyperlink-x'],
  ])('turns %j into %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('is short, ASCII and never starts or ends with a dash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(60);
      }),
    );
  });
});

describe('export file names', () => {
  const input = { organizationName: 'La Ressourcerie du Vallon', evaluationTitle: 'Évaluation 2026 : « regards »', date: DATE, extension: 'csv' as const };

  it('names the organization, the evaluation and the UTC day', () => {
    expect(asciiFileName(input)).toBe('la-ressourcerie-du-vallon-evaluation-2026-regards-2026-05-12.csv');
    expect(readableFileName(input)).toBe('La Ressourcerie du Vallon – Évaluation 2026 « regards » – 2026-05-12.csv');
  });

  it('keeps a usable name when the titles have no ASCII letter', () => {
    expect(asciiFileName({ ...input, organizationName: '日本', evaluationTitle: '評価', extension: 'xlsx' })).toBe('2026-05-12.xlsx');
  });

  it('writes an attachment header with an ASCII filename and the UTF-8 name percent-encoded', () => {
    const header = contentDisposition({ ...input, evaluationTitle: 'Bilan (d’étape) *2026*' });
    expect(header).toBe(
      `attachment; filename="la-ressourcerie-du-vallon-bilan-d-etape-2026-2026-05-12.csv"; filename*=UTF-8''La%20Ressourcerie%20du%20Vallon%20%E2%80%93%20Bilan%20%28d%E2%80%99%C3%A9tape%29%202026%20%E2%80%93%202026-05-12.csv`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('La Ressourcerie du Vallon – Bilan (d’étape) 2026 – 2026-05-12.csv');
  });

  it('never lets a name break the header or a path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), (organizationName, evaluationTitle) => {
        const header = contentDisposition({ organizationName, evaluationTitle, date: DATE, extension: 'xlsx' });
        expect(header).toMatch(/^attachment; filename="[a-z0-9-]+\.xlsx"; filename\*=UTF-8''[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
        const readable = readableFileName({ organizationName, evaluationTitle, date: DATE, extension: 'xlsx' });
        expect(readable).not.toMatch(/[\\/:*?"<>|\p{Cc}]/u);
        expect(readable.length).toBeLessThanOrEqual(250);
      }),
    );
  });
});
