/**
 * The life of a framework version: a draft is edited; publishing freezes it and records the hash of
 * its content; editing a published framework starts a new draft from it. An evaluation pins a
 * published version (by number and hash), so its questionnaires never change under it.
 */
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { FrameworkContent, FrameworkVersion } from './framework.js';

/** sha256 (hex) of the canonical JSON of a version's content: stable under key reordering. */
export function contentHash(content: FrameworkContent): Promise<string> {
  return sha256Hex(canonicalJson(content));
}

export class FrameworkVersionError extends Error {
  constructor(readonly code: 'already_published' | 'not_published') {
    super(code === 'already_published' ? 'This version is already published; start a new draft to change it.' : 'Only a published version can be the base of a new draft.');
    this.name = 'FrameworkVersionError';
  }
}

/** Freezes a draft: returns the published version with its content hash. The content must be valid. */
export async function publishVersion(draft: FrameworkVersion, publishedAt: Date): Promise<FrameworkVersion> {
  if (draft.status !== 'draft') throw new FrameworkVersionError('already_published');
  return {
    number: draft.number,
    status: 'published',
    contentHash: await contentHash(draft.content),
    publishedAt: publishedAt.toISOString(),
    content: draft.content,
  };
}

/** A new draft copying a published version's content, numbered after the latest version. */
export function startDraft(from: FrameworkVersion, latestNumber: number): FrameworkVersion {
  if (from.status !== 'published') throw new FrameworkVersionError('not_published');
  return {
    number: Math.max(latestNumber, from.number) + 1,
    status: 'draft',
    contentHash: null,
    publishedAt: null,
    content: structuredClone(from.content),
  };
}

/** True when the version's stored hash matches its content (detects a published version altered in storage). */
export async function verifyContentHash(version: FrameworkVersion): Promise<boolean> {
  return version.contentHash !== null && version.contentHash === (await contentHash(version.content));
}
