import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFrameworkContent, type FrameworkContent } from '#domain';

/** The shipped default framework, kept as a data file in libs/domain/frameworks/. */
export const SOCLE_COMMUN_KEY = 'socle-commun';

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'libs', 'domain', 'frameworks'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('libs/domain/frameworks not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

let cached: FrameworkContent | undefined;

/** The "socle commun", validated once; a broken shipped file stops the start, loudly. */
export function socleCommun(): FrameworkContent {
  if (cached) return cached;
  const file = join(projectRoot(), 'libs', 'domain', 'frameworks', 'socle-commun.json');
  const result = validateFrameworkContent(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  if (!result.ok) {
    throw new Error(`${file} is invalid:\n${result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  }
  cached = result.value;
  return cached;
}

/** A new framework's first draft: one dimension, one criterion, one indicator, one question. */
export function skeletonContent(name: string): FrameworkContent {
  return {
    formatVersion: 1,
    title: { fr: name },
    licence: 'CC-BY-SA-4.0',
    dimensions: [
      {
        key: 'dimension_1',
        title: { fr: 'Première dimension', en: 'First dimension' },
        criteria: [
          {
            key: 'critere_1',
            title: { fr: 'Premier critère', en: 'First criterion' },
            indicators: [
              {
                key: 'indicateur_1',
                title: { fr: 'Premier indicateur', en: 'First indicator' },
                level: 'resultat',
                kind: 'scale',
                scale: { min: 1, max: 5, minLabel: { fr: 'Pas du tout d’accord', en: 'Strongly disagree' }, maxLabel: { fr: 'Tout à fait d’accord', en: 'Strongly agree' } },
                scoring: { rule: 'linear', reverse: false },
                dontKnow: 'excluded',
                questions: [
                  {
                    key: 'question_1',
                    audiences: ['self_assessment'],
                    wording: { self_assessment: { fr: 'Formulez ici la question.', en: 'Write the question here.' } },
                    required: false,
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}
