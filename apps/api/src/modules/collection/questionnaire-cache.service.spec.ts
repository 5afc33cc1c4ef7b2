import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { compileQuestionnaire } from '#domain';
import { sampleFramework } from '#domain/fixtures/sample-framework';
import { QuestionnaireCache, type QuestionnaireKey } from './questionnaire-cache.service.js';

const ALL = sampleFramework.dimensions.map((d) => d.key);

/** A stand-in for TypeORM's DataSource: the evaluation's design as the database would return it, and how often it was read. */
function database(design: { dimension_keys: string[] }) {
  const reads: unknown[][] = [];
  const dataSource = {
    query: async (_sql: string, params: unknown[]) => {
      reads.push(params);
      return [{ content: sampleFramework, dimension_keys: design.dimension_keys, custom_questions: [] }];
    },
  } as unknown as DataSource;
  return { dataSource, reads };
}

const key = (updatedAt: string, groupKey: QuestionnaireKey['groupKey'] = 'staff'): QuestionnaireKey => ({
  evaluationId: '0b7d9b8e-1f0e-4b8a-8f7e-0c6a2e9c4d12',
  groupKey,
  contentHash: 'a'.repeat(64),
  updatedAt: new Date(updatedAt),
});

describe('QuestionnaireCache', () => {
  it('compiles a group’s questionnaire once, as compileQuestionnaire does, and serves both languages from it', async () => {
    const db = database({ dimension_keys: ALL });
    const cache = new QuestionnaireCache(db.dataSource);
    const fr = await cache.get(key('2026-11-01T10:00:00Z'), 'fr');
    const en = await cache.get(key('2026-11-01T10:00:00Z'), 'en');
    await Promise.all([cache.get(key('2026-11-01T10:00:00Z')), cache.get(key('2026-11-01T10:00:00Z'))]);
    expect(db.reads).toHaveLength(1);
    expect(fr).toEqual(compileQuestionnaire({ version: { content: sampleFramework }, dimensionKeys: ALL, customQuestions: [], group: 'staff', locale: 'fr' }));
    expect(en).toEqual(compileQuestionnaire({ version: { content: sampleFramework }, dimensionKeys: ALL, customQuestions: [], group: 'staff', locale: 'en' }));
  });

  it('compiles again when the evaluation’s design changed (a new updated_at), and per group', async () => {
    const design = { dimension_keys: ALL };
    const db = database(design);
    const cache = new QuestionnaireCache(db.dataSource);
    const before = await cache.get(key('2026-11-01T10:00:00Z'));
    design.dimension_keys = [ALL[0]!];
    const after = await cache.get(key('2026-11-01T10:05:00Z'));
    expect(db.reads).toHaveLength(2);
    expect(new Set(after.questions.map((q) => q.dimensionKey))).toEqual(new Set([ALL[0]]));
    expect(before.questions.length).toBeGreaterThan(after.questions.length);
    await cache.get(key('2026-11-01T10:05:00Z', 'volunteers'));
    expect(db.reads).toHaveLength(3);
  });

  it('does not keep a failed compilation', async () => {
    let fail = true;
    const dataSource = {
      query: async () => {
        if (fail) throw new Error('connection lost');
        return [{ content: sampleFramework, dimension_keys: ALL, custom_questions: [] }];
      },
    } as unknown as DataSource;
    const cache = new QuestionnaireCache(dataSource);
    await expect(cache.get(key('2026-11-01T10:00:00Z'))).rejects.toThrow('connection lost');
    fail = false;
    await expect(cache.get(key('2026-11-01T10:00:00Z'))).resolves.toMatchObject({ group: 'staff' });
  });
});
