import { describe, expect, it } from '@jest/globals';
import { sampleFramework } from './fixtures/sample-framework.js';
import type { FrameworkVersion } from './framework.js';
import { FrameworkVersionError, contentHash, publishVersion, startDraft, verifyContentHash } from './framework-version.js';

const draft: FrameworkVersion = { number: 1, status: 'draft', contentHash: null, publishedAt: null, content: sampleFramework };
const NOW = new Date('2025-03-01T10:00:00Z');

describe('framework versions', () => {
  it('publishes a draft with the hash of its content', async () => {
    const published = await publishVersion(draft, NOW);
    expect(published).toEqual({ ...draft, status: 'published', contentHash: await contentHash(sampleFramework), publishedAt: '2025-03-01T10:00:00.000Z' });
    await expect(verifyContentHash(published)).resolves.toBe(true);
  });

  it('refuses to publish a published version again', async () => {
    const published = await publishVersion(draft, NOW);
    await expect(publishVersion(published, NOW)).rejects.toThrow(FrameworkVersionError);
  });

  it('starts a new draft from a published version, with a copy of its content', async () => {
    const published = await publishVersion(draft, NOW);
    const next = startDraft(published, 3);
    expect(next).toEqual({ number: 4, status: 'draft', contentHash: null, publishedAt: null, content: sampleFramework });
    next.content.dimensions[0].title.fr = 'Changé';
    expect(published.content.dimensions[0].title.fr).toBe('Lien social et coopération');
  });

  it('refuses to start a draft from a draft', () => {
    expect(() => startDraft(draft, 1)).toThrow(FrameworkVersionError);
  });

  it('detects a published content altered after publication', async () => {
    const published = await publishVersion(draft, NOW);
    const altered = { ...published, content: { ...published.content, title: { fr: 'Autre' } } };
    await expect(verifyContentHash(altered)).resolves.toBe(false);
  });
});
